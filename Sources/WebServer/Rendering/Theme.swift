import Foundation

/// The site's templates and static assets: the program's own (its resources), each
/// replaced by a file of the same name in a theme directory when one is given
/// (`serve --theme DIR`). A theme holds `NAME.mustache` files (any template: the
/// layout partials `layout-head`, `layout-header`, `layout-footer`, or a page) and
/// assets (`site.css`, `logo.svg`, images, fonts) that the pages link to under
/// `/assets/`. Everything is read once, at start.
public struct Theme: Sendable {
    /// Template text by name (the file name without `.mustache`).
    public private(set) var templates: [String: String]
    /// Asset bytes by file name.
    public private(set) var assets: [String: [UInt8]]
    /// Which files the theme directory replaced or added, for the start-up message.
    public private(set) var overridden: [String] = []

    /// The program's own templates and assets.
    public static func builtIn() throws -> Theme {
        guard let root = Bundle.module.resourceURL else { throw ThemeError("the program's resources are missing") }
        return Theme(templates: try Self.templates(in: root.appendingPathComponent("templates")),
                     assets: try Self.files(in: root.appendingPathComponent("assets")))
    }

    init(templates: [String: String], assets: [String: [UInt8]]) {
        self.templates = templates
        self.assets = assets
    }

    /// The built-in theme with the files of `directory` in place of their namesakes.
    public static func load(directory: String?) throws -> Theme {
        var theme = try builtIn()
        guard let directory else { return theme }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ThemeError("the theme directory \(directory) does not exist")
        }
        let url = URL(fileURLWithPath: directory)
        for (name, text) in try templates(in: url) {
            theme.templates[name] = text
            theme.overridden.append(name + ".mustache")
        }
        for (name, bytes) in try files(in: url) where !name.hasSuffix(".mustache") {
            theme.assets[name] = bytes
            theme.overridden.append(name)
        }
        theme.overridden.sort()
        return theme
    }

    /// A name an asset may have: letters, digits, "-", "_" and one "." before a known extension.
    static func isAssetName(_ name: String) -> Bool {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, contentTypes[String(parts[1])] != nil else { return false }
        return parts[0].unicodeScalars.allSatisfy { ($0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil)) || $0 == "-" || $0 == "_" }
    }

    static let contentTypes = [
        "css": "text/css; charset=utf-8", "svg": "image/svg+xml", "png": "image/png", "jpg": "image/jpeg",
        "jpeg": "image/jpeg", "webp": "image/webp", "ico": "image/x-icon", "woff2": "font/woff2", "js": "text/javascript; charset=utf-8",
    ]

    private static func templates(in directory: URL) throws -> [String: String] {
        var templates: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where name.hasSuffix(".mustache") {
            let url = directory.appendingPathComponent(name)
            guard let text = String(data: try Data(contentsOf: url), encoding: .utf8) else {
                throw ThemeError("\(url.path) is not UTF-8 text")
            }
            templates[String(name.dropLast(".mustache".count))] = text
        }
        return templates
    }

    private static func files(in directory: URL) throws -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where isAssetName(name) {
            files[name] = Array(try Data(contentsOf: directory.appendingPathComponent(name)))
        }
        return files
    }
}

/// Why a theme could not be loaded, in one line.
public struct ThemeError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
