import CryptoPrimitives
import DeclarationRegistry
import Foundation
import RegistryFormat
import RegistryStorage
import Testing
import TestSupport
import TransparencyLog

/// Renders docs/FORMAT.md section 16 from the example registry of section
/// 13, every value in it produced by the code, and compares it with the
/// document byte for byte; then runs the section's shell recipe on the
/// proof it shows and checks what the recipe prints. Run with
/// DECLARATION_RECORD_FORMAT_EXAMPLE=1 to write the rendered section into
/// the document instead.
@Suite struct FormatProofSectionTests {
    static let sectionStart = "## 16. Proofs (`.tlog-proof`)"
    static let nextSection = "## Left open"
    static let proofFile = "entry-1.tlog-proof"

    /// The example's proof of entry 1, and the values the section shows.
    struct Values {
        let proof: EntryProof
        let vkey: String
        let leaf2: SHA256Digest
        let root: SHA256Digest
        let keyHash: String

        init(_ example: FormatExample) throws {
            let layout = RegistryLayout(directory: example.directory.path("registry"))
            proof = try EntryProof.make(.entry(sequence: 1), registry: layout)
            vkey = example.header.checkpointVerifierKeyText
            leaf2 = MerkleTree.leafHash(example.entries[1].line)
            root = proof.checkpoint.rootHash
            keyHash = String(vkey.split(separator: "+")[1])
        }
    }

    static let documentSection = DocumentSection(url: FormatExampleSectionTests.documentURL, start: sectionStart,
                                                 next: nextSection, name: "docs/FORMAT.md section 16")

    @Test func section16IsWhatTheCodeProduces() throws {
        let example = try FormatExample()
        let rendered = try Self.render(Values(example))
        try Self.documentSection.expectEqual(to: rendered)
    }

    /// The proof the document shows is the one `declaration proof` makes,
    /// and verifies.
    @Test func documentedProofVerifies() throws {
        let example = try FormatExample()
        let values = try Values(example)
        let section = try Self.documentSection.text()
        let block = try #require(Self.codeBlock(in: section, after: "The proof of entry 1"))
        #expect(Array((block + "\n").utf8) == values.proof.bytes)
        let report = try EntryProof.verify(Array((block + "\n").utf8), path: Self.proofFile,
                                           logKey: try NoteVerifierKey(parsing: values.vkey))
        #expect(report.entry == example.entries[0])
    }

    /// The shell recipe, run with bash, coreutils and OpenSSL on the
    /// documented proof, prints what the document says it prints.
    @Test func shellRecipeChecksTheProof() throws {
        let example = try FormatExample()
        let values = try Values(example)
        let section = try Self.documentSection.text()
        let script = try #require(Self.codeBlock(in: section, after: "### Checking a proof with standard tools", fence: "```sh"))
        let directory = try TemporaryDirectory()
        try Data(values.proof.bytes).write(to: directory.url.appendingPathComponent(Self.proofFile))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-e", "-o", "pipefail", "-c", script]
        process.currentDirectoryURL = directory.url
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let complaints = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(complaints)")
        let expected = try Self.expectedOutput(values)
        #expect(printed == expected, "stderr: \(complaints)")
    }

    /// The first fenced block after the line starting with `marker`.
    static func codeBlock(in section: String, after marker: String, fence: String = "```") -> String? {
        guard let start = section.range(of: "\n" + marker) else { return nil }
        guard let open = section.range(of: "\n" + fence + "\n", range: start.upperBound..<section.endIndex) else { return nil }
        guard let close = section.range(of: "\n```\n", range: open.upperBound..<section.endIndex) else { return nil }
        return String(section[open.upperBound..<close.lowerBound])
    }

    /// What the recipe prints, line by line, on the example's proof.
    static func expectedOutput(_ values: Values) throws -> String {
        let proof = values.proof
        let entry = proof.entry
        return [
            "index 0",
            "2",
            values.root.base64,
            values.root.base64,
            FormatExample.origin,
            values.keyHash,
            values.keyHash,
            values.keyHash,
            "Signature Verified Successfully",
            "\"sequence\":\(entry.sequence)",
            "\"registry\":\"\(entry.statement.registry)\"",
            "Signature Verified Successfully",
        ].joined(separator: "\n") + "\n"
    }

    static func render(_ values: Values) throws -> String {
        let proofText = String(decoding: values.proof.bytes.dropLast(), as: UTF8.self)
        let hash = try #require(values.proof.proof.inclusionProof.first)
        let origin = FormatExample.origin
        return #"""
        ## 16. Proofs (`.tlog-proof`)

        A proof shows that one entry is in a registry to someone who has
        neither the registry nor a network, only the registrar's checkpoint
        verifier key (section 3). `declaration proof` writes one and
        `declaration verify-proof` checks it (docs/PROOFS.md says how to use
        them). It is a [c2sp.org/tlog-proof@v1](https://c2sp.org/tlog-proof)
        file, named `*.tlog-proof`.

        ### The file

        Lines ending in LF:

        1. `c2sp.org/tlog-proof@v1`.
        2. `extra `, then the base64 of the entry's ledger line without its LF:
           the bytes the Merkle tree hashes as the leaf, so the proof carries
           its entry. (The format lets a proof leave this line out; then the
           entry must come with it, `verify-proof --entry FILE`. `declaration
           proof` always writes it.)
        3. `index `, then the entry's index in the tree, in decimal without
           leading zeros: its `sequence` less one. Entry N, line N of the ledger,
           is index N − 1.
        4. The inclusion proof of that index in the tree of the checkpoint's
           size, RFC 9162 section 2.1.3.1: one hash per line, in base64, from the
           leaf's sibling up to the root's child; none in a tree of one entry.
        5. An empty line.
        6. The registrar's `checkpoint` file (section 8), byte for byte, with
           every signature line it has (witnesses' cosignatures included).

        A reader refuses, naming the line at fault: a first line other than
        exactly that; base64 that is not canonical (see the conventions); an
        index with a leading zero, a sign or more than 64 bits; a hash that is
        not 32 bytes; more than 64 hashes (the longest proof in a tree of any
        size a checkpoint can state); no empty line after the hashes; a
        checkpoint that is not a signed note (section 8) whose text is a
        checkpoint, or that has more than 100 signatures; and, before reading
        a line, a file over 256 KiB (a ledger line is at most 65,535 bytes,
        87,380 in base64, and a checkpoint at most 64 KiB).

        ### Verifying

        With the registrar's checkpoint key `<origin>+<key hash>+<base64>`, which
        `declaration init` and `declaration verify` print, and which the
        registry publishes. In this order; the first check that fails is the
        verdict, and `verify-proof` names it (exit 1):

        1. **checkpoint signature**: the checkpoint's origin is the key's name,
           and it has a signature line by that key (name and key hash) whose
           Ed25519 signature of the note text verifies (section 8). Lines by
           other keys are ignored, as c2sp.org/signed-note requires; they are
           listed, not checked.
        2. **inclusion**: the index is below the checkpoint's size, the proof
           has as many hashes as that index and size need, and they lead from
           the leaf hash SHA-256(0x00 ‖ ledger line) to the checkpoint's root
           (RFC 9162 section 2.1.3.2).
        3. **entry**: the line is an entry as `declaration verify` reads ledger
           lines: canonical JSON (section 2), every field well formed (sections
           5 and 6).
        4. **statement signature**: the statement's Ed25519 signature by its
           `public_key` verifies (section 5.4).
        5. **registry**: the statement's `registry` is the checkpoint's origin.
        6. **entry number**: the entry's `sequence` is the index plus one.

        When the entry is also given in a file (`--entry`), the file's line
        (one final LF allowed) must first be the proof's.

        ### What a proof attests

        That the registrar signed a checkpoint of its registry whose tree holds
        this exact line as entry index + 1, and that the line is a statement
        made for that registry and signed by the signatory's key. Not that a
        signature is still in force: a later entry may withdraw it (a
        withdrawal names only the key, so a proof of one shows who withdrew
        only beside the proof of the signature it ends). Not that the registry
        verifies as a whole, nor that everybody is shown the same checkpoint:
        that is what witnesses' cosignatures are for, which `verify-proof`
        lists but does not check yet. The declaration appears as its digest
        (`verify-proof` also names it when it is the tool's built-in one).

        `declaration proof` makes a proof only when the registrar's checkpoint
        verifies with the header's key, the ledger lines it covers hash to its
        root (the proof's hashes are made from them), and the entry passes
        checks 3 to 6. It does not verify the rest of the registry (the
        declaration copy, the chain, the rules), which takes seconds on a large
        one; `declaration verify` does.

        ### Worked example

        The proof of entry 1 of the registry of section 13, as `declaration
        proof --entry 1` writes it (followed by an LF):

        ```
        \#(proofText)
        ```

        Line 2 is the base64 of line 1 of `ledger.jsonl`. In the tree of two
        entries, the one proof hash is entry 2's leaf hash,
        `\#(values.leaf2.hex)` (`\#(hash.base64)`),
        and the root is SHA-256(0x01 ‖ leaf 1 ‖ leaf 2), the checkpoint's
        `\#(values.root.base64)`.

        ### Checking a proof with standard tools

        With bash, GNU coreutils and OpenSSL 3, in a folder holding the proof
        as `entry-1.tlog-proof`; the comments say what each command prints. A
        larger tree has more hashes, which step 2 above combines; the other
        steps are the same.

        ```sh
        P=entry-1.tlog-proof
        VKEY=\#(values.vkey)
        hex2bin() { printf "$(printf %s "$1" | sed 's/../\\x&/g')"; }
        der() { { printf '\x30\x2a\x30\x05\x06\x03\x2b\x65\x70\x03\x21\x00'; cat "$1"; } > "$1.der"; }

        # The entry (line 2), the index (line 3) and the checkpoint (after the empty line).
        sed -n 2p "$P" | cut -c7- | base64 -d > entry
        sed -n 3p "$P"                                   # index 0
        sed '1,/^$/d' "$P" > checkpoint
        sed -n 2p checkpoint                             # 2 (the tree's size)

        # Inclusion: index 0 of 2 entries, so root = SHA-256(0x01 ‖ leaf ‖ the one hash).
        LEAF=$({ printf '\x00'; cat entry; } | sha256sum | cut -c1-64)
        HASH=$(sed -n 4p "$P" | base64 -d | od -An -v -tx1 | tr -d ' \n')
        { printf '\x01'; hex2bin "$LEAF"; hex2bin "$HASH"; } | sha256sum | cut -c1-64 | { read -r R; hex2bin "$R" | base64; }
        sed -n 3p checkpoint                             # the same root, \#(values.root.base64)

        # The checkpoint's signature by VKEY: origin = key name, key hash, then Ed25519.
        ORIGIN=$(printf %s "$VKEY" | cut -d+ -f1); sed -n 1p checkpoint    # \#(origin)
        printf %s "$VKEY" | cut -d+ -f3- | base64 -d | tail -c 32 > registrar
        { printf '%s\n\x01' "$ORIGIN"; cat registrar; } | sha256sum | cut -c1-8   # \#(values.keyHash)
        printf %s "$VKEY" | cut -d+ -f2                  # \#(values.keyHash), as the key says
        grep -F "— $ORIGIN " checkpoint | cut -d' ' -f3 > note.sig.b64
        base64 -d note.sig.b64 | head -c 4 | od -An -tx1 | tr -d ' \n'; echo   # \#(values.keyHash), as the signature says
        sed '/^$/,$d' checkpoint > note
        base64 -d note.sig.b64 | tail -c +5 > note.sig
        der registrar
        openssl pkeyutl -verify -pubin -inkey registrar.der -keyform DER -rawin -in note -sigfile note.sig
        # → Signature Verified Successfully

        # The entry's number and registry, then the signatory's signature (as in section 14).
        grep -o '"sequence":[0-9]*' entry                # "sequence":1, the index plus one
        grep -o '"registry":"[^"]*"' entry               # the checkpoint's origin
        { printf 'declaration-registry/statement/v1\n'
          sed -e 's/^{.*"statement"://' -e 's/}$//' -e 's/"signature":"[^"]*",//' entry; } > msg
        grep -o '"signature":"[^"]*"' entry | cut -d'"' -f4 | base64 -d > sig
        grep -o '"public_key":"[^"]*"' entry | cut -d'"' -f4 | base64 -d > signatory
        der signatory
        openssl pkeyutl -verify -pubin -inkey signatory.der -keyform DER -rawin -in msg -sigfile sig
        # → Signature Verified Successfully
        ```

        The `sed` and `grep` cuts rely on the entry being canonical JSON, as
        section 14 explains; `declaration verify-proof` checks that too.


        """#
    }
}
