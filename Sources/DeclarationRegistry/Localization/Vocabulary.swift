import RegistryFormat

/// The fixed words of the registry's exports — kinds of signatory, column
/// headings and metadata labels — in English, French and Spanish.
///
/// Each case's `text(in:)` gives the word as it stands alone in a heading or
/// label: capitalised, without a colon.
package enum Vocabulary: String, CaseIterable, Sendable {
    /// A subnational government as a kind of signatory.
    case kindGovernment
    /// A civil-society organisation as a kind of signatory.
    case kindCivilSociety
    /// The title of the group of government signatories.
    case groupGovernments
    /// The title of the group of civil-society signatories.
    case groupCivilSociety

    /// Column: the signatory's name.
    case columnName
    /// Column: government or civil society.
    case columnKind
    /// Column: the ISO 3166 jurisdiction code.
    case columnJurisdiction
    /// Column: the jurisdiction's name (`JurisdictionName`), such as
    /// "Jalisco, Mexico".
    case columnJurisdictionName
    /// Column: the country's name.
    case columnCountry
    /// Column: the person or office that signed.
    case columnRepresentative
    /// Column: the representative's title, such as "Mayor".
    case columnTitle
    /// Column: the language of the text that was signed.
    case columnLanguage
    /// Column: the day the declaration was signed.
    case columnSignedOn
    /// Column: the day the signature was recorded in the ledger.
    case columnRecordedOn
    /// Column: the ledger entry number.
    case columnEntry
    /// Column: the identifier of the signing key.
    case columnKeyID
    /// Column: the website the signatory gave.
    case columnWebsite
    /// Column: the exact time of signing, in RFC 3339 UTC form.
    case columnSignedAtUTC
    /// Column: the exact time of recording, in RFC 3339 UTC form.
    case columnRecordedAtUTC

    /// Label: the registry's name.
    case labelRegistry
    /// Label: the URL of the registry's published site.
    case labelPublishedAt
    /// Label: the declaration's title.
    case labelDeclaration
    /// Label: the SHA-256 digest of the declaration's text.
    case labelDigest
    /// Label: the signed checkpoint of the ledger.
    case labelCheckpoint
    /// Label: the number of entries in the ledger's Merkle tree.
    case labelTreeSize
    /// Label: the Merkle tree's root hash.
    case labelRootHash
    /// Label: the witnesses that cosigned the checkpoint, as a policy judged them.
    case labelWitnesses
    /// Label: when the export was made.
    case labelExportedAt
    /// Label: the command that verifies the export.
    case labelVerifyWith
    /// Label: the declaration's version.
    case labelVersion

    /// Words before the day a list holds for, in its one-line summary
    /// ("18 signatories: …, as of 2 January 2026"); lowercase, since they
    /// stand inside the sentence.
    case asOf
    /// Heading of the part of an export that says how to verify it.
    case headingVerification
    /// Sentence telling readers how to verify an export against the
    /// published registry: save the checkpoint text as FILE and run the
    /// command, which reads the registry from its URL.
    case verifyInstructionsPublished

    /// Title of an exported list of signatories.
    case listTitle
    /// Sentence shown in place of a list or group that has no signatories.
    case noSignatories
    /// Sentence telling readers how to verify an export: save the checkpoint
    /// text as FILE, and run the verify command on a copy DIR of the registry.
    case verifyInstructions

    /// Column of the history: what an entry records, a signature or a
    /// withdrawal.
    case columnEvent
    /// Column of the history: why a signatory withdrew, as it wrote.
    case columnReason
    /// An entry of the history that records a signature.
    case eventSignature
    /// An entry of the history that records a withdrawal.
    case eventWithdrawal
    /// Sentence shown in place of a history that has no entries.
    case noEntries

    /// The English language's name.
    case languageEnglish
    /// The French language's name.
    case languageFrench
    /// The Spanish language's name.
    case languageSpanish

    /// The word or phrase in `language`.
    package func text(in language: Language) -> String {
        let (en, fr, es) = translations
        switch language {
        case .en: return en
        case .fr: return fr
        case .es: return es
        }
    }

    /// The entry naming `language`, to be shown in any language: "French",
    /// "français", "francés".
    package static func name(of language: Language) -> Vocabulary {
        switch language {
        case .en: return .languageEnglish
        case .fr: return .languageFrench
        case .es: return .languageSpanish
        }
    }

    // Language names are lowercase in French and Spanish except at the start
    // of a sentence; they stand in table cells here, so they stay lowercase.
    private var translations: (en: String, fr: String, es: String) {
        switch self {
        case .kindGovernment: return ("Government", "Gouvernement", "Gobierno")
        case .kindCivilSociety:
            return ("Civil-society organisation", "Organisation de la société civile",
                    "Organización de la sociedad civil")
        case .groupGovernments: return ("Governments", "Gouvernements", "Gobiernos")
        case .groupCivilSociety:
            return ("Civil-society organisations", "Organisations de la société civile",
                    "Organizaciones de la sociedad civil")
        case .columnName: return ("Name", "Nom", "Nombre")
        case .columnKind: return ("Kind", "Type", "Tipo")
        case .columnJurisdiction: return ("Jurisdiction", "Territoire", "Jurisdicción")
        case .columnJurisdictionName: return ("Jurisdiction name", "Nom du territoire", "Nombre de la jurisdicción")
        case .columnCountry: return ("Country", "Pays", "País")
        case .columnRepresentative: return ("Representative", "Représentant", "Representante")
        case .columnTitle: return ("Title", "Fonction", "Cargo")
        case .columnLanguage: return ("Language", "Langue", "Idioma")
        case .columnSignedOn: return ("Signed on", "Signé le", "Firmado el")
        case .columnRecordedOn: return ("Recorded on", "Enregistré le", "Registrado el")
        case .columnEntry: return ("Entry", "Entrée", "Entrada")
        case .columnKeyID: return ("Key id", "Identifiant de clé", "Identificador de clave")
        case .columnWebsite: return ("Website", "Site web", "Sitio web")
        case .columnSignedAtUTC: return ("Signature time (UTC)", "Heure de signature (UTC)", "Hora de la firma (UTC)")
        case .columnRecordedAtUTC:
            return ("Recording time (UTC)", "Heure d’enregistrement (UTC)", "Hora del registro (UTC)")
        case .labelRegistry: return ("Registry", "Registre", "Registro")
        case .labelPublishedAt: return ("Published at", "Publié à l’adresse", "Publicado en")
        case .labelDeclaration: return ("Declaration", "Déclaration", "Declaración")
        case .labelDigest: return ("Digest", "Empreinte", "Resumen")
        case .labelCheckpoint: return ("Checkpoint", "Point de contrôle", "Punto de control")
        case .labelTreeSize: return ("Tree size", "Taille de l’arbre", "Tamaño del árbol")
        case .labelRootHash: return ("Root hash", "Empreinte de la racine", "Resumen de la raíz")
        case .labelWitnesses:
            return ("Cosigned by witnesses", "Cosigné par les témoins", "Cofirmado por los testigos")
        case .labelExportedAt: return ("Exported at", "Exporté le", "Exportado el")
        case .labelVerifyWith: return ("Verify with", "Vérifier avec", "Verificar con")
        case .labelVersion: return ("Version", "Version", "Versión")
        case .asOf: return ("as of", "au", "a fecha de")
        case .headingVerification: return ("Verify this list", "Vérifier cette liste", "Verificar esta lista")
        case .verifyInstructionsPublished:
            return ("To verify this list, save the checkpoint text below as FILE and run this command: it reads the published registry, checks every signature and that the registry still holds exactly the entries this checkpoint covers.",
                    "Pour vérifier cette liste, enregistrez le texte du point de contrôle ci-dessous dans FILE et lancez cette commande : elle lit le registre publié, vérifie chaque signature et que le registre contient toujours exactement les entrées couvertes par ce point de contrôle.",
                    "Para verificar esta lista, guarde el texto del punto de control que figura abajo en FILE y ejecute este comando: lee el registro publicado, comprueba cada firma y que el registro sigue conteniendo exactamente las entradas que cubre este punto de control.")
        case .listTitle: return ("Signatories", "Signataires", "Firmantes")
        case .noSignatories:
            return ("No signatories yet.", "Aucun signataire pour l’instant.", "Todavía no hay firmantes.")
        case .verifyInstructions:
            return ("To verify this list, save the checkpoint text as FILE and run this command, with DIR a copy of the registry: it checks every signature and that the registry still holds exactly the entries this checkpoint covers.",
                    "Pour vérifier cette liste, enregistrez le texte du point de contrôle dans FILE et lancez cette commande, DIR étant une copie du registre : elle vérifie chaque signature et que le registre contient toujours exactement les entrées couvertes par ce point de contrôle.",
                    "Para verificar esta lista, guarde el texto del punto de control en FILE y ejecute este comando, siendo DIR una copia del registro: comprueba cada firma y que el registro sigue conteniendo exactamente las entradas que cubre este punto de control.")
        case .columnEvent: return ("Event", "Événement", "Evento")
        case .columnReason: return ("Reason", "Motif", "Motivo")
        case .eventSignature: return ("Signature", "Signature", "Firma")
        case .eventWithdrawal: return ("Withdrawal", "Retrait", "Retirada")
        case .noEntries: return ("No entries yet.", "Aucune entrée pour l’instant.", "Todavía no hay entradas.")
        case .languageEnglish: return ("English", "anglais", "inglés")
        case .languageFrench: return ("French", "français", "francés")
        case .languageSpanish: return ("Spanish", "espagnol", "español")
        }
    }
}
