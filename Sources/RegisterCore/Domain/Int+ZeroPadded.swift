extension Int {
    /// The number in decimal with zeros before it to `width` characters, sign included,
    /// as `String(format: "%0*d")` writes it: that formatter costs a microsecond per
    /// call, and every date of every page and export is written with it.
    public func zeroPadded(_ width: Int) -> String {
        let digits = String(magnitude)
        let zeros = Swift.max(0, width - digits.count - (self < 0 ? 1 : 0))
        return (self < 0 ? "-" : "") + String(repeating: "0", count: zeros) + digits
    }
}
