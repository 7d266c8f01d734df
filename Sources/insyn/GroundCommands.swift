import ArgumentParser
import RegisterCore

/// `insyn ground …`: the registrar's list of legal grounds for withholding a field.
struct GroundCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ground", abstract: "Keep the list of legal grounds on which a field of a meeting may be withheld.",
        discussion: "Once the list has any ground, a meeting may withhold a field only on a ground of the list.",
        subcommands: [Add.self, List.self, Remove.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a ground to the list; prints its id.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The ground as meetings cite it, e.g. \"OSL 19 kap. 3 §\".") var ground: String
        @Option(help: "What the ground covers, for recorders.") var description: String

        func run() throws {
            print(try global.openRegister().addLegalGround(LegalGround(ground: ground, description: description), by: .shell))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the grounds: id, ground, description.")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            for listed in try global.openRegister().legalGrounds() {
                print("\(listed.id)\t\(listed.ground.ground)\t\(listed.ground.description)")
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Take a ground off the list; meetings that cite it keep it.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The ground's id.") var id: Int64

        func run() throws {
            try global.openRegister().removeLegalGround(id, by: .shell)
            print("Removed ground \(id).")
        }
    }
}
