/// What can stop a reserving method on a valid triangle: too little data for a parameter, or
/// an option that does not fit the triangle. Input-file errors are `PolicyInputError`s.
public enum ReservingError: Error, Equatable, CustomStringConvertible {
    /// The triangle is too small for the method (`method` names it, `message` says what it needs).
    case tooSmall(method: String, message: String)
    /// An option value that the triangle cannot use (a premium list of the wrong length, …).
    case option(String)

    public var description: String {
        switch self {
        case .tooSmall(let method, let message): "\(method): \(message)"
        case .option(let message): message
        }
    }
}
