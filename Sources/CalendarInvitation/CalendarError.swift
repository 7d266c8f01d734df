/// Why an invitation could not become a draft: one line, naming the line of the file
/// it concerns when there is one, so the command line and the upload page can say
/// exactly what to fix.
public struct CalendarError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The physical line of the file (1-based) where the problem starts; nil for the file as a whole.
    public var line: Int?
    public var message: String

    public init(line: Int?, _ message: String) {
        self.line = line
        self.message = message
    }

    public var description: String {
        line.map { "line \($0): \(message)" } ?? message
    }
}
