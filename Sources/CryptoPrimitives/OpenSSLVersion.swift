internal import COpenSSL

/// The OpenSSL this process runs with, as libcrypto reports it.
///
/// Read at run time, not from the headers the package was built with: the
/// shared library the system loads can be a newer release (a security
/// update), and that is the one worth reporting.
package enum OpenSSLVersion {
    /// libcrypto's own version text, such as "OpenSSL 3.0.19 27 Jan 2026".
    package static var text: String {
        // OpenSSL_version returns a static string, never freed, never NULL
        // for OPENSSL_VERSION.
        String(cString: OpenSSL_version(OPENSSL_VERSION))
    }
}
