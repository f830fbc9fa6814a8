import CryptoPrimitives
import DeclarationRegistry

/// What `declaration --version` prints: the tool's version, the library's
/// and the OpenSSL it runs with, so a report of a problem says all three.
enum ToolVersion {
    /// The tool is built from the package it ships with, so its version is
    /// the library's one constant (`LibraryVersion.current`, the place to
    /// bump it); OpenSSL's is read from libcrypto when it is printed.
    static var text: String {
        """
        declaration \(LibraryVersion.current)
        DeclarationRegistry library \(LibraryVersion.current)
        \(OpenSSLVersion.text)
        """
    }
}
