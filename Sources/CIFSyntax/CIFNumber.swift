/// CIF numbers: `1.234`, `-.5`, `1e-3`, `1.234(5)` (value and standard uncertainty).
public enum CIFNumber {
    /// Parses a number, with an optional standard uncertainty in parentheses, from ASCII bytes.
    /// The uncertainty is scaled to the last digit of the value: `1.234(5)` -> (1.234, 0.005).
    public static func parse<C: Collection>(_ bytes: C) -> (value: Double, uncertainty: Double?)? where C.Element == UInt8 {
        var buffer = [UInt8]()
        buffer.reserveCapacity(bytes.count + 1)
        var suDigits = [UInt8]()
        var inSU = false, closed = false
        var decimals = 0, seenDot = false, seenExponent = false, digits = 0
        for byte in bytes {
            if closed { return nil }
            if inSU {
                if byte == 0x29 { closed = true; continue }
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                suDigits.append(byte)
                continue
            }
            switch byte {
            case 0x30...0x39:
                digits += 1
                if seenDot && !seenExponent { decimals += 1 }
                buffer.append(byte)
            case 0x2E:
                if seenDot || seenExponent { return nil }
                seenDot = true
                buffer.append(byte)
            case 0x2B, 0x2D:
                if let last = buffer.last, last != 0x65 && last != 0x45 { return nil }
                buffer.append(byte)
            case 0x65, 0x45:
                if seenExponent || digits == 0 { return nil }
                seenExponent = true
                buffer.append(byte)
            case 0x28:
                if digits == 0 { return nil }
                inSU = true
            default:
                return nil
            }
        }
        if inSU && !closed { return nil }
        guard digits > 0 else { return nil }
        buffer.append(0)
        var end: UnsafeMutablePointer<CChar>? = nil
        let value = buffer.withUnsafeBufferPointer { pointer -> Double? in
            pointer.withMemoryRebound(to: CChar.self) { chars in
                let result = strtod(chars.baseAddress!, &end)
                return end.map { $0 == chars.baseAddress! + (chars.count - 1) } == true ? result : nil
            }
        }
        guard let value, value.isFinite else { return nil }
        guard !suDigits.isEmpty, let su = Double(String(decoding: suDigits, as: UTF8.self)) else { return (value, nil) }
        var scale = 1.0
        for _ in 0..<decimals { scale /= 10 }
        return (value, su * scale)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
