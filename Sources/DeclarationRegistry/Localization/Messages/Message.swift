import RegistryFormat

/// A sentence or phrase of the tool's interface: a prompt, a confirmation,
/// a summary label, a report or an error message, in English, French and
/// Spanish.
///
/// The words are data, one catalogue per language (`EnglishMessages.swift`,
/// `FrenchMessages.swift`, `SpanishMessages.swift`), not strings spread
/// through the code; a test checks that every key is in all three with the
/// same placeholders. A placeholder is a name in braces, such as `{path}`,
/// filled by `text(in:_:)`. Words an export also uses (column headings,
/// kinds of signatory) are `Vocabulary`'s, so one concept keeps one term.
package enum Message: String, CaseIterable, Sendable {
    // MARK: Common

    /// The label before an error message ("error:").
    case errorLabel
    /// The hint after a yes-or-no question, whose default is no.
    case yesNoHint
    /// Shown for an optional detail left out.
    case noneGiven

    // MARK: The declaration as printed (show, sign)

    /// Where and when the declaration was adopted: `{date}`, `{place}`.
    case renderedAdopted
    /// The declaration's version: `{version}`.
    case renderedVersion
    /// The digest of one language's text: `{file}` (such as fr.txt), `{digest}`.
    case renderedTextDigest
    /// The digest of the whole declaration: `{digest}`.
    case renderedDeclarationDigest

    // MARK: The signing dialogue

    /// After the text: the command that prints it again, `{command}`.
    case signTextShown
    /// Asks for the kind of signatory, by number or word.
    case promptKind
    /// Why a kind was not understood.
    case retryKind
    /// Asks for the signatory's name.
    case promptName
    /// Asks for the jurisdiction, by name or code.
    case promptJurisdiction
    /// The jurisdiction understood from an answer: `{code}`, `{name}`.
    case jurisdictionUnderstood
    /// Heads a numbered list of the places an answer may mean: `{typed}`.
    case jurisdictionChoices
    /// Asks to pick one of those places by number, or to type again.
    case promptJurisdictionChoice
    /// No place matches the answer: `{typed}`.
    case jurisdictionNoMatch
    /// What was typed is not a listed code, though names match it: `{typed}`.
    case jurisdictionNotACode
    /// What a refused answer may have meant: `{choices}`, such as "FR (France), FI (Finland)".
    case didYouMean
    /// Asks for the representative.
    case promptRepresentative
    /// Asks for the representative's title.
    case promptTitle
    /// Asks for the optional website.
    case promptWebsite
    /// The address a website answer was completed to: `{url}`.
    case websiteCompleted
    /// An answer that is empty where one is needed.
    case reasonEmpty
    /// An answer over its length limit: `{found}`, `{limit}` (Unicode characters).
    case reasonTooLong
    /// An answer holding a control or invisible character: `{scalar}` (hex).
    case reasonForbiddenCharacter
    /// An answer holding a code point the pinned Unicode does not assign: `{scalar}`, `{version}`.
    case reasonUnassignedCharacter
    /// A website answer that is not an address the format accepts.
    case reasonWebsite
    /// Any other refusal of an answer: `{reason}`, the format's own words.
    case reasonOther
    /// Heads the summary of what will be signed.
    case summaryHeading
    /// Summary label: the digest of the text read.
    case summaryTextDigest
    /// Summary label: the digest of the whole declaration.
    case summaryDeclarationDigest
    /// Summary label: where the signed statement goes.
    case summaryDestination
    /// Where the statement goes: recorded now in the registry at `{directory}`.
    case destinationRecordNow
    /// Where the statement goes: written to `{file}` for a registrar.
    case destinationFile
    /// The one confirmation before signing.
    case confirmSign
    /// The line after the signatory answered no.
    case notSigned
    /// Confirmation is needed but cannot be asked.
    case confirmNeedsYes
    /// Details are missing and cannot be asked: `{options}`.
    case missingDetails
    /// Input ended in the middle of the dialogue.
    case inputEnded
    /// Asks for the passphrase of the key at `{path}`.
    case promptPassphrase
    /// A passphrase that does not open the key at `{path}`; asked again.
    case passphraseWrong
    /// A signed statement written to `{path}` for a registrar.
    case statementWritten
    /// A signed withdrawal written to `{path}` for a registrar.
    case withdrawalWritten
    /// A signature recorded: `{sequence}`, `{name}`, `{code}`.
    case signatureRecorded
    /// A withdrawal recorded: `{sequence}`.
    case withdrawalRecorded
    /// The registry's new checkpoint: `{size}`, `{root}`.
    case checkpointLine
    /// What was already done when the report of it could not be printed: `{path}` written.
    case doneWritten
    /// What was already done when the report of it could not be printed: `{sequence}` recorded.
    case doneRecorded

    // MARK: keygen

    /// Asks for the new key's passphrase.
    case promptNewPassphrase
    /// Asks for it a second time.
    case promptNewPassphraseAgain
    /// The two passphrases typed differ.
    case passphrasesDiffer
    /// Tried too often: the key was not made.
    case passphraseGivenUp
    /// The key id of the new key: `{keyID}`.
    case keygenKeyID
    /// Where the public key is: `{path}`.
    case keygenPublicKey
    /// Where the private key is, encrypted: `{path}`.
    case keygenPrivateKeyEncrypted
    /// Where the private key is, not encrypted: `{path}`.
    case keygenPrivateKeyPlain
    /// What was done when the report could not be printed: `{path}`, `{publicPath}`.
    case keygenDone

    // MARK: verify's verdict

    /// The registry at `{origin}` verified.
    case verifiedLocal
    /// The registry at `{origin}` verified from its site at `{url}`.
    case verifiedRemote
    /// The registry does not verify: `{reason}`.
    case notVerified
    /// Verdict label: the declaration.
    case verdictDeclaration
    /// The declaration's title and version: `{title}`, `{version}`.
    case verdictDeclarationValue
    /// The declaration's digest: `{digest}`.
    case verdictDigest
    /// Verdict label: the number of entries.
    case verdictEntries
    /// Verdict label: the active signatories.
    case verdictActive
    /// The active signatories: `{governments}`, `{organisations}` (both already counted in words).
    case verdictActiveValue
    /// Verdict label: the checkpoint.
    case verdictCheckpoint
    /// The checkpoint: `{size}`, `{root}`.
    case verdictCheckpointValue
    /// Verdict label: the registrar.
    case verdictRegistrar
    /// The registrar's key id: `{keyID}`.
    case verdictRegistrarValue
    /// The checkpoint's verifier key: `{key}`.
    case verdictCheckpointKey
    /// A saved checkpoint is consistent: `{size}`.
    case verdictSavedConsistent

    // MARK: Errors of the signing flow

    /// A key file that does not exist: `{path}`.
    case errorKeyMissing
    /// A file named on the command line that does not exist: `{path}`.
    case errorFileMissing
    /// A key file that is not a private key: `{path}`, `{reason}`.
    case errorNotAKey
    /// A passphrase that does not open the key: `{path}`.
    case errorWrongPassphrase
    /// A key file others may read: `{path}`, `{mode}` (octal).
    case errorKeyPermissions
    /// A key file that exists where keygen would write: `{path}`.
    case errorKeyExists
    /// No registry at `{path}`.
    case errorNotARegistry
    /// An --out file that already exists: `{path}`.
    case errorOutputExists
    /// The key already signed, as entry `{sequence}`.
    case errorKeyAlreadyActive
    /// The same signatory already signed, as entry `{sequence}`.
    case errorDuplicateSignatory
    /// A withdrawal by a key that has no signature to withdraw.
    case errorNothingToWithdraw
    /// A file that cannot be read: `{path}`, `{reason}` (the system's words).
    case errorCannotRead
    /// A file that cannot be written: `{path}`, `{reason}`.
    case errorCannotWrite
    /// A key file that is not a plain file: `{path}`.
    case errorNotRegularFile
    /// A key or passphrase file over its limit: `{path}`, `{limit}` (bytes).
    case errorFileTooLarge
    /// A passphrase file whose first line is empty: `{path}`.
    case errorEmptyPassphrase
    /// The registry refused the statement for another rule: `{reason}`, the rule's words.
    case errorStatementRefused
    /// A detail given as an option and not accepted: `{option}`, `{reason}`.
    case errorOption
}

extension Message {
    /// The message in `language`, its placeholders filled from `values`
    /// (a placeholder without a value stays as written, so a mistake shows).
    package func text(in language: Language, _ values: [String: String] = [:]) -> String {
        MessageCatalogue.fill(MessageCatalogue.template(self, in: language), with: values)
    }
}
