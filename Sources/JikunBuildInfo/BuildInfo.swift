/// Where this build of jikun came from, stamped at build time by the `VersionStamp` plugin from
/// `git describe --always --dirty` and `git rev-parse HEAD`. Outside a git checkout (a tarball)
/// the plugin writes the stated fallback version and the commit `unknown`.
public enum BuildInfo {
    /// `git describe --always --dirty` of the source tree (e.g. `72a91c2` or `72a91c2-dirty`).
    public static let version: String = stampedVersion
    /// The full commit hash, or `unknown`.
    public static let commit: String = stampedCommit
    /// Shown by `jikun --version`.
    public static var versionLine: String { "\(version) (commit \(commit))" }
}
