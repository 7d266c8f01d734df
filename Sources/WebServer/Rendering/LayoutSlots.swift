import Foundation
import NIOCore
import RegisterCore

/// Where a public page's layout header and footer are in its rendered bytes, and the
/// layout's data they were rendered from. A public page is rendered once for every
/// reader, anonymously, and kept; a signed-in reader gets the kept bytes with the
/// header and footer rendered for them (their links, their name, sign-out) in place
/// of the anonymous ones, which costs two small templates, not the page.
struct LayoutSlots: Sendable {
    let frame: SiteFrame
    /// Byte offsets in the page of what `layout-header` and `layout-footer` rendered.
    let header: Range<Int>
    let footer: Range<Int>

    /// The slots of `page`, found by rendering the two partials alone with the page's
    /// frame: the header where it first appears (the layout opens the page), the footer
    /// where it last does (the layout closes it), so each search stops near its end of
    /// the page. Nil when either is missing (a theme's page that does not use them),
    /// and then every reader gets the anonymous page.
    init?(page: ByteBuffer, frame: SiteFrame, header: ByteBuffer, footer: ByteBuffer) {
        let found: (Range<Int>, Range<Int>)? = page.withUnsafeReadableBytes { page in
            let page = page.bindMemory(to: UInt8.self)
            guard let header = Self.range(of: Array(header.readableBytesView), in: page, fromEnd: false),
                  let footer = Self.range(of: Array(footer.readableBytesView), in: page, fromEnd: true),
                  header.upperBound <= footer.lowerBound else { return nil }
            return (header, footer)
        }
        guard let found else { return nil }
        self.frame = frame
        (self.header, self.footer) = found
    }

    /// The page with `header` and `footer` in place of the anonymous ones.
    func splice(_ page: ByteBuffer, header: ByteBuffer, footer: ByteBuffer) -> ByteBuffer {
        var result = ByteBuffer()
        result.reserveCapacity(page.readableBytes + header.readableBytes + footer.readableBytes - self.header.count - self.footer.count)
        let start = page.readerIndex
        result.writeImmutableBuffer(page.getSlice(at: start, length: self.header.lowerBound)!)
        result.writeImmutableBuffer(header)
        result.writeImmutableBuffer(page.getSlice(at: start + self.header.upperBound, length: self.footer.lowerBound - self.header.upperBound)!)
        result.writeImmutableBuffer(footer)
        result.writeImmutableBuffer(page.getSlice(at: start + self.footer.upperBound, length: page.readableBytes - self.footer.upperBound)!)
        return result
    }

    private static func range(of needle: [UInt8], in page: UnsafeBufferPointer<UInt8>, fromEnd: Bool) -> Range<Int>? {
        guard !needle.isEmpty, needle.count <= page.count, let base = page.baseAddress else { return nil }
        let last = page.count - needle.count
        return needle.withUnsafeBufferPointer { needle -> Range<Int>? in
            func matches(at start: Int) -> Bool {
                page[start] == needle[0] && memcmp(base + start, needle.baseAddress!, needle.count) == 0
            }
            if fromEnd {
                for start in stride(from: last, through: 0, by: -1) where matches(at: start) { return start..<start + needle.count }
            } else {
                for start in 0...last where matches(at: start) { return start..<start + needle.count }
            }
            return nil
        }
    }
}
