/// An open-addressing hash map from `UInt64` keys to `Int` values: roster look-ups by packed
/// identity number happen once per claim, and a general `Dictionary` (SipHash, per-entry
/// boxing of keys) costs several times more at a million claims.
public struct IntegerKeyTable: Sendable {
    private var keys: [UInt64]
    private var values: [Int]
    private var occupied: [Bool]
    private var mask: Int
    public private(set) var count = 0

    public init(minimumCapacity: Int = 16) {
        var size = 16
        while size < minimumCapacity * 2 { size <<= 1 }
        keys = Array(repeating: 0, count: size)
        values = Array(repeating: 0, count: size)
        occupied = Array(repeating: false, count: size)
        mask = size - 1
    }

    @inline(__always) private func slot(_ key: UInt64) -> Int {
        // Fibonacci hashing: the high bits of key × 2⁶⁴/φ spread nearby keys apart.
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
    }

    public subscript(key: UInt64) -> Int? {
        var i = slot(key)
        while occupied[i] {
            if keys[i] == key { return values[i] }
            i = (i + 1) & mask
        }
        return nil
    }

    /// Inserts `value` for `key` unless the key is present; returns the value now stored.
    @discardableResult
    public mutating func insertIfAbsent(_ key: UInt64, _ value: Int) -> Int {
        if (count + 1) * 2 > keys.count { grow() }
        var i = slot(key)
        while occupied[i] {
            if keys[i] == key { return values[i] }
            i = (i + 1) & mask
        }
        occupied[i] = true
        keys[i] = key
        values[i] = value
        count += 1
        return value
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values, oldOccupied = occupied
        let size = keys.count * 2
        keys = Array(repeating: 0, count: size)
        values = Array(repeating: 0, count: size)
        occupied = Array(repeating: false, count: size)
        mask = size - 1
        count = 0
        for i in oldKeys.indices where oldOccupied[i] { insertIfAbsent(oldKeys[i], oldValues[i]) }
    }
}

/// FNV-1a over bytes: a cheap 64-bit fingerprint for duplicate detection (collisions are
/// resolved by comparing the bytes themselves).
@inline(__always)
func fingerprint(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var h: UInt64 = 0xCBF2_9CE4_8422_2325
    for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
    return h
}
