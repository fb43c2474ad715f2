import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The one way every command writes a file: into a temporary file in the target's folder, then
/// renamed over the target, so an interrupted or failed run leaves the old file (or none), never
/// half of one. Also the checks made before a command starts work: that no output is one of its
/// inputs, and that every output's folder can be written.
public enum OutputFile {
    /// Writes `bytes` to `path` atomically (replacing a file there), creating missing folders.
    public static func write(_ bytes: some Collection<UInt8>, to path: String) throws {
        try refuseSpecialFile(path)
        let folder = self.folder(of: path)
        try createFolder(folder, for: path)
        var template = Array((folder + "/." + URL(fileURLWithPath: path).lastPathComponent + ".XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw failure(path, errno) }
        let temporary = String(cString: template)
        var ok = true, code: Int32 = 0
        let data = Array(bytes)
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    ok = false; code = errno; return
                }
                offset += n
            }
        }
        // mkstemp creates the file 0600; outputs are ordinary files (0666 less the umask).
        let mask = umask(0); umask(mask)
        fchmod(fd, 0o666 & ~mask)
        if close(fd) != 0, ok { ok = false; code = errno }
        if ok, rename(temporary, path) != 0 { ok = false; code = errno }
        if !ok {
            unlink(temporary)
            throw failure(path, code)
        }
    }

    public static func write(_ text: String, to path: String) throws { try write(Array(text.utf8), to: path) }

    /// Refuses before any work when an output is, or resolves (through symlinks, `..` and the
    /// like) to, one of the inputs: `--rejects roster.csv` would otherwise overwrite the roster.
    public static func refuseOverwriting(inputs: [(option: String, path: String)], outputs: [(option: String, path: String)]) throws {
        let resolvedInputs = inputs.map { ($0.option, $0.path, resolved($0.path)) }
        var seen: [(String, String)] = []
        for output in outputs {
            let target = resolved(output.path)
            if let input = resolvedInputs.first(where: { $0.2 == target }) {
                throw PolicyInputError.usage(
                    "\(output.option) \(output.path) is the input \(input.0) \(input.1): refusing to overwrite an input; choose another output file")
            }
            if let other = seen.first(where: { $0.1 == target }) {
                throw PolicyInputError.usage("\(output.option) \(output.path) is also the output \(other.0): give each output its own file")
            }
            seen.append((output.option, target))
        }
    }

    /// Checks that `path` can be written (its folder exists or can be made, and takes a new
    /// file), before a long run rather than after it.
    public static func checkWritable(_ path: String) throws {
        try refuseSpecialFile(path)
        try checkWritableFolder(folder(of: path), for: path)
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw PolicyInputError.file(path: path, message: "is a folder, expected a file to write")
        }
    }

    /// Set by `jikun notebook` for the commands it runs: the folder every file they write
    /// must lie in (so no command of a notebook can write over the notebook, or elsewhere).
    public static let notebookOutputsVariable = "JIKUN_NOTEBOOK_OUTPUTS"

    /// A device, pipe or socket at `path` would be replaced by the rename of `write`, and a
    /// notebook's command may write only into the notebook's output folder: both refused.
    static func refuseSpecialFile(_ path: String) throws {
        if let folder = ProcessInfo.processInfo.environment[notebookOutputsVariable] {
            let root = resolved(folder), target = resolved(path)
            guard target.hasPrefix(root + "/") else {
                throw PolicyInputError.file(path: path, message: "is outside \(folder): a notebook's commands write their files there")
            }
        }
        var info = stat()
        guard stat(path, &info) == 0 else { return }  // nothing there yet (or unreadable: the write says)
        let kind = info.st_mode & S_IFMT
        guard kind == S_IFREG || kind == S_IFDIR else {
            throw PolicyInputError.file(path: path, message: "is not a regular file (a device, pipe or socket): outputs are written as files; name a file")
        }
    }

    /// Checks that files can be written into `folder` (made when missing).
    public static func checkWritableFolder(_ folder: String, for path: String? = nil) throws {
        try refuseSpecialFile(folder + "/.jikun-write-check")
        try createFolder(folder, for: path ?? folder)
        var template = Array((folder + "/.jikun-write-check.XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw failure(path ?? folder, errno, folder: folder) }
        close(fd)
        unlink(String(cString: template))
    }

    /// The absolute path with symlinks resolved; for a file that does not exist yet, its
    /// folder's resolved path and its name.
    public static func resolved(_ path: String) -> String {
        if let real = realpath(path, nil) {
            defer { free(real) }
            return String(cString: real)
        }
        let url = URL(fileURLWithPath: path)
        return resolved(url.deletingLastPathComponent().path) + "/" + url.lastPathComponent
    }

    static func folder(of path: String) -> String {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return folder.isEmpty ? "." : folder
    }

    private static func createFolder(_ folder: String, for path: String) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) {
            guard isFolder.boolValue else {
                throw PolicyInputError.file(path: path, message: "cannot write: \(folder) is a file, not a folder")
            }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw PolicyInputError.file(path: path, message: "cannot create the folder \(folder)")
        }
    }

    private static func failure(_ path: String, _ code: Int32, folder: String? = nil) -> PolicyInputError {
        let place = folder.map { "the folder \($0)" } ?? "the file"
        let reason: String
        switch code {
        case EACCES, EPERM: reason = "permission denied"
        case EROFS: reason = "read-only file system"
        case ENOSPC, EDQUOT: reason = "no space left on the device"
        case ENOENT: reason = "no such folder"
        case EISDIR: reason = "is a folder"
        default: reason = String(cString: strerror(code))
        }
        return .file(path: path, message: "cannot write \(place) (\(reason))")
    }
}
