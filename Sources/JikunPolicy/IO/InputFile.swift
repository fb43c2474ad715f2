import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reading an input file whole, with a message that says why it cannot be read.
public enum InputFile {
    /// The file's bytes, read to its end: a pipe (`/dev/stdin`, `<(…)`) is read like a file.
    public static func bytes(_ path: String) throws -> [UInt8] {
        let fm = FileManager.default
        var isFolder: ObjCBool = false
        guard fm.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw PolicyInputError.file(path: path, message: "no such file")
        }
        if isFolder.boolValue { throw PolicyInputError.file(path: path, message: "is a folder, expected a file") }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw failure(path, errno) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw failure(path, errno)
            }
            if n == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<n])
        }
    }

    private static func failure(_ path: String, _ code: Int32) -> PolicyInputError {
        let reason = code == EACCES || code == EPERM ? "permission denied" : String(cString: strerror(code))
        return .file(path: path, message: "cannot read the file (\(reason))")
    }

    /// The byte offset of the first byte that does not belong to valid UTF-8, or nil.
    public static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { b in
            let n = b.count
            var i = 0
            while i < n {
                // Eight ASCII bytes at a time (most files are all ASCII outside names).
                if i + 8 <= n {
                    let word = UnsafeRawPointer(b.baseAddress! + i).loadUnaligned(as: UInt64.self)
                    if word & 0x8080_8080_8080_8080 == 0 { i += 8; continue }
                }
                let lead = b[i]
                if lead < 0x80 { i += 1; continue }
                let length: Int, low: UInt8, high: UInt8
                switch lead {
                case 0xC2...0xDF: (length, low, high) = (2, 0x80, 0xBF)
                case 0xE0: (length, low, high) = (3, 0xA0, 0xBF)
                case 0xE1...0xEC, 0xEE...0xEF: (length, low, high) = (3, 0x80, 0xBF)
                case 0xED: (length, low, high) = (3, 0x80, 0x9F)
                case 0xF0: (length, low, high) = (4, 0x90, 0xBF)
                case 0xF1...0xF3: (length, low, high) = (4, 0x80, 0xBF)
                case 0xF4: (length, low, high) = (4, 0x80, 0x8F)
                default: return i
                }
                guard i + length <= n, (low...high).contains(b[i + 1]) else { return i }
                for k in 2..<max(2, length) where !(0x80...0xBF).contains(b[i + k]) { return i }
                i += length
            }
            return nil
        }
    }

    /// Line (from 1) and column (in bytes, from 1) of a byte offset, for messages.
    public static func lineAndColumn(_ bytes: [UInt8], offset: Int) -> (line: Int, column: Int) {
        var line = 1, start = 0
        for i in 0..<offset where bytes[i] == 10 { line += 1; start = i + 1 }
        return (line, offset - start + 1)
    }
}
