/// CIF numbers: `1.234`, `-.5`, `1e-3`, `1.234(5)` (value and standard uncertainty).
public enum CIFNumber {
    /// Parses a number, with an optional standard uncertainty in parentheses, from ASCII bytes.
    /// The uncertainty is scaled to the last digit of the value: `1.234(5)` -> (1.234, 0.005).
    public static func parse<C: Collection>(_ bytes: C) -> (value: Double, uncertainty: Double?)? where C.Element == UInt8 {
        if let quick = bytes.withContiguousStorageIfAvailable({ simple($0) }), let result = quick { return result }
        return general(bytes)
    }

    /// The common case in one pass over the bytes: `[sign] digits [. digits] [(digits)]` with at most 15
    /// significant digits and 22 decimals (Clinger's fast path, below). nil leaves the text to `general`, which
    /// decides everything else, so both give the same answer for any text.
    @inline(__always) static func simple(_ b: UnsafeBufferPointer<UInt8>) -> (value: Double, uncertainty: Double?)? {
        let n = b.count
        guard n > 0, n < 64 else { return nil }
        var i = 0
        var negative = false
        if b[0] == 0x2D || b[0] == 0x2B {
            negative = b[0] == 0x2D
            i = 1
        }
        var mantissa: UInt64 = 0
        var significant = 0, decimals = 0, digits = 0
        var seenDot = false
        while i < n {
            let c = b[i]
            if c >= 0x30 && c <= 0x39 {
                if mantissa != 0 || c != 0x30 { significant += 1 }
                mantissa = mantissa &* 10 &+ UInt64(c &- 0x30)
                digits += 1
                if seenDot { decimals += 1 }
            } else if c == 0x2E && !seenDot {
                seenDot = true
            } else {
                break
            }
            i += 1
        }
        guard digits > 0, significant <= 15, decimals <= 22 else { return nil }
        var value = Double(mantissa) / powersOfTen[decimals]
        if negative { value = -value }
        if i == n { return (value, nil) }
        guard b[i] == 0x28, b[n - 1] == 0x29 else { return nil }
        var su = 0.0
        var j = i + 1
        while j < n - 1 {
            let c = b[j]
            guard c >= 0x30 && c <= 0x39 else { return nil }
            su = su * 10 + Double(c &- 0x30)
            j += 1
        }
        if j == i + 1 { return (value, nil) }
        var scale = 1.0
        for _ in 0..<decimals { scale /= 10 }
        return (value, su * scale)
    }

    /// Every other number: exponents, long mantissas (strtod), and the checks that reject malformed text.
    static func general<C: Collection>(_ bytes: C) -> (value: Double, uncertainty: Double?)? where C.Element == UInt8 {
        // Digits go to a stack buffer for strtod; numbers longer than 63 bytes are not CIF numbers.
        guard bytes.count < 64 else { return nil }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer -> (value: Double, uncertainty: Double?)? in
            var length = 0
            var suStart = -1, suEnd = -1
            var inSU = false, closed = false
            var decimals = 0, seenDot = false, seenExponent = false, digits = 0
            var last: UInt8 = 0
            for byte in bytes {
                if closed { return nil }
                if inSU {
                    if byte == 0x29 { closed = true; suEnd = length; continue }
                    guard byte >= 0x30 && byte <= 0x39 else { return nil }
                    buffer[length] = CChar(bitPattern: byte)
                    length += 1
                    continue
                }
                switch byte {
                case 0x30...0x39:
                    digits += 1
                    if seenDot && !seenExponent { decimals += 1 }
                case 0x2E:
                    if seenDot || seenExponent { return nil }
                    seenDot = true
                case 0x2B, 0x2D:
                    if length > 0 && last != 0x65 && last != 0x45 { return nil }
                case 0x65, 0x45:
                    if seenExponent || digits == 0 { return nil }
                    seenExponent = true
                case 0x28:
                    if digits == 0 { return nil }
                    inSU = true
                    buffer[length] = 0
                    length += 1
                    suStart = length
                    continue
                default:
                    return nil
                }
                buffer[length] = CChar(bitPattern: byte)
                length += 1
                last = byte
            }
            if inSU && !closed { return nil }
            guard digits > 0 else { return nil }
            buffer[length] = 0
            let numberLength = suStart >= 0 ? suStart - 1 : length
            let value: Double
            if !seenExponent, let fast = fastDecimal(buffer, numberLength) {
                value = fast
            } else {
                var end: UnsafeMutablePointer<CChar>? = nil
                value = strtod(buffer.baseAddress!, &end)
                guard end == buffer.baseAddress! + numberLength, value.isFinite else { return nil }
            }
            guard suStart >= 0, suEnd > suStart else { return (value, nil) }
            var su = 0.0
            for i in suStart..<suEnd { su = su * 10 + Double(UInt8(bitPattern: buffer[i]) - 0x30) }
            var scale = 1.0
            for _ in 0..<decimals { scale /= 10 }
            return (value, su * scale)
        }
    }
}

/// Clinger's fast path (Clinger, "How to read floating point numbers accurately", PLDI 1990): a plain
/// decimal with at most 15 significant digits and at most 22 decimals is an exact integer divided by an
/// exact power of ten, so one IEEE division gives the correctly rounded value strtod would.
@inline(__always) func fastDecimal(_ buffer: UnsafeMutableBufferPointer<CChar>, _ length: Int) -> Double? {
    var mantissa: UInt64 = 0
    var digits = 0, decimals = 0
    var seenDot = false, negative = false
    var index = 0
    if length > 0, buffer[0] == 0x2D || buffer[0] == 0x2B {
        negative = buffer[0] == 0x2D
        index = 1
    }
    while index < length {
        let c = UInt8(bitPattern: buffer[index])
        if c == 0x2E {
            seenDot = true
        } else {
            if mantissa != 0 || c != 0x30 { digits += 1 }
            mantissa = mantissa &* 10 &+ UInt64(c &- 0x30)
            if seenDot { decimals += 1 }
        }
        index += 1
    }
    guard digits <= 15, decimals <= 22 else { return nil }
    let value = Double(mantissa) / powersOfTen[decimals]
    return negative ? -value : value
}

private let powersOfTen: [Double] = (0...22).map { exponent in
    var value = 1.0
    for _ in 0..<exponent { value *= 10 }
    return value
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
