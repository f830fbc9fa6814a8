import ArgumentParser
import Logging
import RegistryStorage
import Witness

/// `declaration witness serve`: the witness's HTTP server.
struct WitnessServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve add-checkpoint and the monitoring read (c2sp.org/tlog-witness) until SIGTERM or SIGINT.",
        discussion: """
            LOGS lists the logs witnessed, one tlog-policy `log <vkey> [<url>]` line each (comments and empty \
            lines allowed). DATA holds the latest cosigned checkpoint per log and the evidence of refused \
            inconsistent checkpoints; one process holds it at a time. Once listening, one line \
            `listening on http://HOST:PORT` is printed on standard output; one log line per request goes \
            to standard error. SIGTERM or SIGINT stops the server gracefully (exit 0).
            """)

    @OptionGroup var witnessKey: WitnessKeyOptions

    @Option(help: ArgumentHelp("The list of logs to witness: tlog-policy `log` lines.", valueName: "file"))
    var logs: String

    @Option(help: ArgumentHelp("Where to listen, HOST:PORT (port 0 picks a free one).", valueName: "address"))
    var listen: String

    @Option(help: ArgumentHelp("The witness's data directory (made if missing).", valueName: "directory"))
    var data: String

    @Option(help: ArgumentHelp("The submission and monitoring prefix, such as /witness.", valueName: "path"))
    var prefix: String = ""

    @Option(name: .customLong("request-timeout"), help: ArgumentHelp(
        "Seconds a request's body may take to arrive; slower clients get 408 and are disconnected.",
        valueName: "seconds"))
    var requestTimeout: Int = 10

    @Option(name: .customLong("idle-timeout"), help: ArgumentHelp(
        "Seconds a connection may stay idle (between requests, or sending its headers) before it is closed.",
        valueName: "seconds"))
    var idleTimeout: Int = 30

    @Option(name: .customLong("max-connections"), help: ArgumentHelp(
        "The most connections served at once; more wait to be accepted.", valueName: "count"))
    var maxConnections: Int = 512

    @Option(name: .customLong("log-level"), help: ArgumentHelp(
        "The least severe log level written: trace, debug, info, notice, warning, error or critical.",
        valueName: "level"))
    var logLevel: String = "info"

    func validate() throws {
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be trace, debug, info, notice, warning, error or critical, not \(logLevel)")
        }
        guard (1...3600).contains(requestTimeout), (1...3600).contains(idleTimeout) else {
            throw ValidationError("--request-timeout and --idle-timeout must be 1 to 3600 seconds")
        }
        guard (1...100_000).contains(maxConnections) else {
            throw ValidationError("--max-connections must be 1 to 100000")
        }
        guard prefix.isEmpty || prefix.hasPrefix("/") else {
            throw ValidationError("--prefix must start with \"/\", such as /witness")
        }
    }

    func run() throws {
        try runReportingFailures { () throws(CommandError) in
            let address: ListenAddress
            do throws(WitnessError) {
                address = try ListenAddress(parsing: listen)
            } catch {
                throw .witness(error)
            }
            let key = try KeyLoader.loadPrivateKey(at: witnessKey.key, passphraseFile: witnessKey.passphraseFile)
            let level = Logger.Level(rawValue: logLevel) ?? .info
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
            let logger = {
                var logger = Logger(label: "witness")
                logger.logLevel = level
                return logger
            }()
            let server: WitnessServer
            do throws(WitnessError) {
                let configuration = try WitnessConfiguration(
                    name: witnessKey.name, key: key, logs: try WitnessConfiguration.readLogList(at: logs)
                )
                let state = try WitnessState(
                    configuration: configuration, layout: WitnessDataLayout(directory: data), logger: logger
                )
                var limits = WitnessServer.Limits()
                limits.requestTimeLimit = .seconds(requestTimeout)
                limits.idleTimeout = .seconds(idleTimeout)
                limits.maximumConnections = maxConnections
                server = WitnessServer(state: state, address: address, prefix: prefix, limits: limits, logger: logger)
            } catch {
                throw .witness(error)
            }
            do throws(WitnessError) {
                try runBlocking { () async throws(WitnessError) in
                    try await server.run { url in
                        // The one line tests and scripts wait for; a failure
                        // to print it leaves them waiting, so it is logged too.
                        do throws(StorageError) {
                            try FileSystem.writeToStandardOutput(Array("listening on \(url)\n".utf8))
                        } catch {
                            logger.error("could not print the listening line", metadata: ["error": "\(error)"])
                        }
                        logger.notice("listening", metadata: ["url": "\(url)"])
                    }
                }
            } catch {
                throw .witness(error)
            }
        }
    }
}
