//! The staff pages' sentences in French, Dutch and English, keyed by meaning: one table, so a page
//! never holds a sentence of its own and a missing translation cannot compile. [`Msg::get`] gives the
//! text in a language; [`role_label`] and [`language_label`] name roles and languages.

use crate::accounts::Role;
use crate::text_analysis::Language;

macro_rules! messages {
    ($($key:ident => [$fr:expr, $nl:expr, $en:expr $(,)?],)*) => {
        /// A sentence of the staff pages, by meaning.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        #[allow(missing_docs)]
        pub enum Msg { $($key,)* }

        impl Msg {
            /// Every message (tests check each is written in every language).
            pub const ALL: &'static [Msg] = &[$(Msg::$key,)*];

            /// The text in `lang`.
            pub fn get(self, lang: Language) -> &'static str {
                match (self, lang) {
                    $((Msg::$key, Language::Fr) => $fr,
                      (Msg::$key, Language::Nl) => $nl,
                      (Msg::$key, Language::En) => $en,)*
                }
            }
        }
    };
}

messages! {
    // Layout
    SiteName => ["Espace du personnel — FAQbot", "Personeelsruimte — FAQbot", "Staff workspace — FAQbot"],
    NavStatistics => ["Statistiques", "Statistieken", "Statistics"],
    NavUnanswered => ["Questions sans réponse", "Onbeantwoorde vragen", "Unanswered questions"],
    NavReview => ["Relecture des fiches", "Nazicht van de fiches", "Review of entries"],
    NavConsole => ["Console de test", "Testconsole", "Test console"],
    NavAccounts => ["Comptes", "Accounts", "Accounts"],
    NavMyAccount => ["Mon compte", "Mijn account", "My account"],
    NavLabel => ["Pages du personnel", "Personeelspagina's", "Staff pages"],
    SignedInAs => ["Connecté·e :", "Aangemeld als", "Signed in as"],
    LogOut => ["Se déconnecter", "Afmelden", "Log out"],
    SkipToContent => ["Aller au contenu", "Naar de inhoud", "Skip to content"],
    // Login
    LoginTitle => ["Connexion", "Aanmelden", "Log in"],
    LoginIntro => [
        "Pages des rédacteurs, conseillers et administrateurs de la Cité des métiers.",
        "Pagina's voor redacteurs, loopbaanbegeleiders en beheerders van het Beroepenpunt.",
        "Pages for the Cité des métiers' editors, counsellors and administrators.",
    ],
    LoginName => ["Nom d'utilisateur", "Gebruikersnaam", "User name"],
    LoginPassword => ["Mot de passe", "Wachtwoord", "Password"],
    LoginButton => ["Se connecter", "Aanmelden", "Log in"],
    LoginWrong => [
        "Nom d'utilisateur ou mot de passe incorrect.",
        "Verkeerde gebruikersnaam of wachtwoord.",
        "Wrong user name or password.",
    ],
    LoginThrottled => [
        "Trop de tentatives manquées. Réessayez dans quelques instants (secondes à attendre :",
        "Te veel mislukte pogingen. Probeer zo dadelijk opnieuw (seconden wachten:",
        "Too many failed attempts. Try again shortly (seconds to wait:",
    ],
    LoginBusy => [
        "Le service est occupé. Réessayez dans un instant.",
        "De dienst is bezet. Probeer zo dadelijk opnieuw.",
        "The service is busy. Try again in a moment.",
    ],
    LoginNoAccounts => [
        "Aucun compte n'existe encore. L'administrateur du serveur crée le premier avec la commande : cdm-faq user add NOM --role admin",
        "Er bestaat nog geen account. De serverbeheerder maakt het eerste aan met het commando: cdm-faq user add NAAM --role admin",
        "No account exists yet. The server's administrator creates the first one with the command: cdm-faq user add NAME --role admin",
    ],
    DisabledToken => [
        "Ou bien définissez la variable d'environnement CDM_FAQ_ADMIN_TOKEN (jeton d'automatisation, 32 caractères au moins) et redémarrez le service.",
        "Of stel de omgevingsvariabele CDM_FAQ_ADMIN_TOKEN in (automatiseringstoken, minstens 32 tekens) en herstart de dienst.",
        "Or set the environment variable CDM_FAQ_ADMIN_TOKEN (the automation token, at least 32 characters) and restart the service.",
    ],
    LoggedOut => ["Vous êtes déconnecté·e.", "U bent afgemeld.", "You are logged out."],
    Required => ["(obligatoire)", "(verplicht)", "(required)"],
    // Refusals
    ForbiddenTitle => ["Accès refusé", "Geen toegang", "Access denied"],
    ForbiddenText => [
        "Les rôles de votre compte ne donnent pas accès à cette page ou à cette action. Rôles requis :",
        "De rollen van uw account geven geen toegang tot deze pagina of handeling. Vereiste rollen:",
        "Your account's roles do not give access to this page or action. Roles needed:",
    ],
    CsrfTitle => ["Formulaire refusé", "Formulier geweigerd", "Form refused"],
    CsrfText => [
        "Le jeton de sécurité du formulaire manque ou est périmé, ou la demande vient d'un autre site. Rechargez la page et réessayez ; rien n'a été modifié.",
        "Het beveiligingstoken van het formulier ontbreekt of is verlopen, of het verzoek komt van een andere site. Laad de pagina opnieuw en probeer nog eens; er is niets gewijzigd.",
        "The form's security token is missing or out of date, or the request came from another site. Reload the page and try again; nothing was changed.",
    ],
    BackHome => ["Retour à l'accueil du personnel", "Terug naar de personeelsruimte", "Back to the staff pages"],
    ErrorTitle => ["La demande n'a pas pu être traitée", "Het verzoek kon niet worden verwerkt", "The request could not be handled"],
    // Accounts
    AccountsTitle => ["Comptes du personnel", "Personeelsaccounts", "Staff accounts"],
    AccountsIntro => [
        "Rôles : rédacteur (modifie les fiches, voit les questions sans réponse), conseiller (relit les fiches, valide les orientations, console de test), administrateur (comptes, rechargement, statistiques). Une personne peut en avoir plusieurs.",
        "Rollen: redacteur (bewerkt fiches, ziet onbeantwoorde vragen), loopbaanbegeleider (leest fiches na, keurt doorverwijzingen goed, testconsole), beheerder (accounts, herladen, statistieken). Iemand kan er meerdere hebben.",
        "Roles: editor (edits entries, sees unanswered questions), counsellor (reviews entries, signs off referrals, test console), admin (accounts, reload, statistics). A person may hold several.",
    ],
    AccountName => ["Nom", "Naam", "Name"],
    AccountRoles => ["Rôles", "Rollen", "Roles"],
    AccountLanguage => ["Langue des pages", "Taal van de pagina's", "Page language"],
    AccountStatus => ["État", "Status", "Status"],
    AccountSessions => ["Sessions ouvertes", "Open sessies", "Open sessions"],
    AccountCreated => ["Créé le", "Aangemaakt op", "Created"],
    AccountActions => ["Actions", "Acties", "Actions"],
    StatusEnabled => ["actif", "actief", "enabled"],
    StatusDisabled => ["désactivé", "uitgeschakeld", "disabled"],
    BrowserLanguage => ["celle du navigateur", "die van de browser", "the browser's"],
    AddAccount => ["Ajouter un compte", "Account toevoegen", "Add an account"],
    CreateButton => ["Créer le compte", "Account aanmaken", "Create the account"],
    SaveRoles => ["Enregistrer les rôles", "Rollen opslaan", "Save roles"],
    SaveLanguage => ["Enregistrer la langue", "Taal opslaan", "Save language"],
    NewPassword => ["Nouveau mot de passe", "Nieuw wachtwoord", "New password"],
    CurrentPassword => ["Mot de passe actuel", "Huidig wachtwoord", "Current password"],
    SetPassword => ["Changer le mot de passe", "Wachtwoord wijzigen", "Change the password"],
    DisableButton => ["Désactiver", "Uitschakelen", "Disable"],
    EnableButton => ["Réactiver", "Opnieuw inschakelen", "Enable"],
    PasswordHint => [
        "Au moins 12 caractères ; une phrase facile à retenir convient très bien.",
        "Minstens 12 tekens; een zin die u makkelijk onthoudt is prima.",
        "At least 12 characters; a sentence you easily remember is fine.",
    ],
    NameHint => [
        "Lettres, chiffres et . - _ @ ; c'est le nom affiché dans l'historique des modifications.",
        "Letters, cijfers en . - _ @; deze naam staat in de geschiedenis van de wijzigingen.",
        "Letters, digits and . - _ @; this is the name shown in the history of changes.",
    ],
    AccountAdded => ["Compte créé.", "Account aangemaakt.", "Account created."],
    AccountSaved => ["Modification enregistrée.", "Wijziging opgeslagen.", "Change saved."],
    AccountDisabled => [
        "Compte désactivé : ses sessions sont fermées.",
        "Account uitgeschakeld: de sessies ervan zijn beëindigd.",
        "Account disabled: its sessions are closed.",
    ],
    PasswordChanged => [
        "Mot de passe changé ; les autres sessions de ce compte sont fermées.",
        "Wachtwoord gewijzigd; de andere sessies van dit account zijn beëindigd.",
        "Password changed; the account's other sessions are closed.",
    ],
    ErrNameEmpty => ["Indiquez un nom.", "Vul een naam in.", "Enter a name."],
    ErrNameTooLong => ["Ce nom est trop long (64 caractères au plus).", "Deze naam is te lang (hoogstens 64 tekens).", "This name is too long (64 characters at most)."],
    ErrNameCharacters => [
        "Le nom ne peut contenir que des lettres, des chiffres et . - _ @.",
        "De naam mag alleen letters, cijfers en . - _ @ bevatten.",
        "The name may hold only letters, digits and . - _ @.",
    ],
    ErrNameTaken => ["Ce nom est déjà utilisé.", "Deze naam is al in gebruik.", "This name is already taken."],
    ErrPasswordShort => [
        "Le mot de passe est trop court (12 caractères au moins).",
        "Het wachtwoord is te kort (minstens 12 tekens).",
        "The password is too short (12 characters at least).",
    ],
    ErrPasswordLong => ["Le mot de passe est trop long.", "Het wachtwoord is te lang.", "The password is too long."],
    ErrCurrentPassword => ["Le mot de passe actuel est incorrect.", "Het huidige wachtwoord klopt niet.", "The current password is wrong."],
    ErrNoRole => ["Choisissez au moins un rôle.", "Kies minstens één rol.", "Choose at least one role."],
    ErrLastAdmin => [
        "Impossible : il ne resterait plus aucun administrateur actif.",
        "Niet mogelijk: er zou geen actieve beheerder meer overblijven.",
        "Not possible: no enabled admin would be left.",
    ],
    ErrUnknownAccount => ["Ce compte n'existe pas.", "Dit account bestaat niet.", "This account does not exist."],
    ErrStore => [
        "La base des comptes n'a pas pu être écrite ; rien n'a été modifié. Les détails sont dans le journal du serveur.",
        "De accountdatabank kon niet worden geschreven; er is niets gewijzigd. De details staan in het serverlogboek.",
        "The accounts database could not be written; nothing was changed. The details are in the server log.",
    ],
    ErrorSummary => ["Le formulaire contient une erreur :", "Het formulier bevat een fout:", "The form has an error:"],
    // Unanswered questions
    UnansweredTitle => ["Questions sans réponse ou douteuses", "Onbeantwoorde en twijfelachtige vragen", "Unanswered and doubtful questions"],
    UnansweredUnreadable => [
        "La base des statistiques est illisible pour le moment ; les détails sont dans le journal du serveur.",
        "De statistiekendatabank kan op dit moment niet worden gelezen; de details staan in het serverlogboek.",
        "The statistics database cannot be read at the moment; the details are in the server log.",
    ],
    UnansweredQuestionsIn => ["questions sur les", "vragen in de laatste", "questions in the last"],
    UnansweredDaysIn => ["derniers jours, en", "dagen, in", "days, in"],
    UnansweredGroups => ["groupes.", "groepen.", "groups."],
    UnansweredScrubbed => [
        "Les données personnelles (adresses e-mail, numéros de téléphone, numéros de registre national, IBAN, noms, adresses, longs numéros) ont été retirées avant l'enregistrement ; les questions sont effacées après ce nombre de jours :",
        "Persoonsgegevens (e-mailadressen, telefoonnummers, rijksregisternummers, IBAN's, namen, adressen, lange nummers) zijn vóór de opslag verwijderd; de vragen worden gewist na dit aantal dagen:",
        "Personal data (e-mail addresses, phone numbers, national register numbers, IBANs, names, street addresses, long numbers) was removed before storage; questions are deleted after this many days:",
    ],
    UnansweredPending => [
        "questions plus récentes sont encore en cours de regroupement ; rechargez la page dans un instant pour les voir.",
        "recentere vragen worden nog gegroepeerd; laad de pagina zo dadelijk opnieuw om ze te zien.",
        "newer questions are still being grouped; reload the page in a moment to see them.",
    ],
    UnansweredLastDays => ["Derniers jours", "Laatste dagen", "Last days"],
    UnansweredShow => ["Afficher", "Tonen", "Show"],
    UnansweredNothing => ["Rien à afficher.", "Niets te tonen.", "Nothing to show."],
    UnansweredLanguages => ["Langues :", "Talen:", "Languages:"],
    UnansweredClosest => ["Fiche la plus proche :", "Dichtstbijzijnde fiche:", "Closest entry:"],
    UnansweredNone => ["aucune", "geen", "none"],
    UnansweredDay => ["Jour", "Dag", "Day"],
    UnansweredLang => ["Langue", "Taal", "Lang"],
    UnansweredReply => ["Réponse du bot", "Antwoord van de bot", "Reply"],
    UnansweredQuestion => ["Question (sans données personnelles)", "Vraag (zonder persoonsgegevens)", "Question (scrubbed)"],
    UnansweredConfidence => ["Certitude", "Zekerheid", "Confidence"],
    UnansweredAndMore => ["… et encore", "… en nog", "… and"],
    UnansweredMore => ["autres.", "andere.", "more."],
    Pages => ["Pages", "Pagina's", "Pages"],
    PageOf => ["sur", "van", "of"],
    PreviousPage => ["Page précédente", "Vorige pagina", "Previous page"],
    NextPage => ["Page suivante", "Volgende pagina", "Next page"],
    // "Not ours": a declined question into the bank of questions declined on purpose
    NotOursLabel => ["Pas pour nous : sujet", "Niet voor ons: onderwerp", "Not ours: topic"],
    NotOursButton => ["Refuser les questions de ce genre", "Zulke vragen weigeren", "Decline questions like this"],
    NotOursAddedTitle => ["Question ajoutée aux questions refusées", "Vraag toegevoegd aan de geweigerde vragen", "Question added to the declined questions"],
    NotOursAdded => [
        "C'est en ligne : la question a été ajoutée à out-of-scope.toml, au sujet",
        "Het staat online: de vraag is toegevoegd aan out-of-scope.toml, bij het onderwerp",
        "It is live: the question was added to out-of-scope.toml, under the topic",
    ],
    NotOursQuestion => ["Question :", "Vraag:", "Question:"],
    NotOursNowDeclined => [
        "Un visiteur qui la pose reçoit maintenant le renvoi vers un conseiller, avec cette indication :",
        "Een bezoeker die ze stelt, krijgt nu de doorverwijzing naar een adviseur, met deze aanwijzing:",
        "A visitor asking it now gets the hand-off to a counsellor, with this pointer:",
    ],
    NotOursStillAnswered => [
        "Attention : une fiche répond encore à cette question. Vérifiez dans la console de test si la fiche ou la question refusée est à revoir.",
        "Let op: een fiche beantwoordt deze vraag nog. Kijk in de testconsole of de fiche of de geweigerde vraag moet worden aangepast.",
        "Note: an entry still answers this question. Check in the test console whether the entry or the declined question needs changing.",
    ],
    NotOursRefusedTitle => ["Non enregistré", "Niet opgeslagen", "Not saved"],
    NotOursRefused => [
        "Rien n'a été modifié : la base de connaissances aurait ces problèmes.",
        "Er is niets gewijzigd: de kennisbank zou deze problemen hebben.",
        "Nothing was changed: the knowledge base would have these problems.",
    ],
    NotOursConflict => [
        "out-of-scope.toml vient d'être modifié par quelqu'un d'autre ; rien n'a été changé. Réessayez.",
        "out-of-scope.toml werd net door iemand anders gewijzigd; er is niets veranderd. Probeer opnieuw.",
        "out-of-scope.toml was just changed by someone else; nothing was changed. Try again.",
    ],
    NotOursOpenFile => ["Ouvrir out-of-scope.toml", "out-of-scope.toml openen", "Open out-of-scope.toml"],
    NotOursBack => ["Retour aux questions sans réponse", "Terug naar de onbeantwoorde vragen", "Back to the unanswered questions"],
    // Review page and test console
    ReviewTitle => ["Relecture des fiches et des orientations", "Nazicht van de fiches en doorverwijzingen", "Review of entries and referrals"],
    ReviewEntries => ["fiches, dont", "fiches, waarvan", "entries,"],
    ReviewFlagged => ["signalées.", "met een signaal.", "with a flag."],
    Version => ["Version", "Versie", "Version"],
    Theme => ["Thème :", "Thema:", "Theme:"],
    AllThemes => ["tous", "alle", "all"],
    ReviewedOn => ["Relu le", "Nagekeken op", "Reviewed on"],
    ReviewedBy => ["par", "door", "by"],
    Audiences => ["Publics :", "Doelgroepen:", "Audiences:"],
    Referral => ["Orientation :", "Doorverwijzing:", "Referral:"],
    Unverified => ["non vérifié", "niet geverifieerd", "unverified"],
    UnknownPartner => ["partenaire inconnu", "onbekende partner", "unknown partner"],
    Phrasings => ["formulations :", "formuleringen:", "phrasings:"],
    FlagMissing => ["traduction manquante :", "vertaling ontbreekt:", "missing translation:"],
    FlagOld => ["relue il y a plus de 12 mois", "meer dan 12 maanden geleden nagekeken", "review older than 12 months"],
    FlagRecheck => ["à revérifier :", "opnieuw nakijken:", "re-check:"],
    FlagUnverified => ["contacts non vérifiés :", "niet geverifieerde contacten:", "unverified contacts:"],
    ConsoleTitle => ["Console de test", "Testconsole", "Test console"],
    ConsoleQuestion => ["Question", "Vraag", "Question"],
    ConsolePageLang => ["Langue de la page", "Taal van de pagina", "Page language"],
    ConsoleAsk => ["Demander", "Vragen", "Ask"],
    ConsoleVisitorGets => ["Ce que le visiteur reçoit :", "Wat de bezoeker krijgt:", "What the visitor gets:"],
    ConsoleKindAnswer => ["une réponse", "een antwoord", "an answer"],
    ConsoleKindClarify => ["une question en retour (« laquelle de ces questions ? »)", "een wedervraag (\"welke van deze vragen?\")", "a question back (\"which of these do you mean?\")"],
    ConsoleKindNoAnswer => ["pas de réponse : renvoi vers un conseiller", "geen antwoord: doorverwezen naar een adviseur", "no answer: handed over to a counsellor"],
    ConsoleKindSmalltalk => ["une réponse de politesse", "een beleefdheidsantwoord", "a small-talk reply"],
    ConsoleFoundBy => ["Trouvé grâce à ces mots", "Gevonden via deze woorden", "Found by these words"],
    ConsoleWordsLegend => [
        "Surlignés : les mots qui comptent (le chiffre dit combien ils pèsent) ; en gris : les petits mots ignorés ; en rouge : les mots que la base ne connaît pas.",
        "Gemarkeerd: de woorden die tellen (het cijfer zegt hoe zwaar ze wegen); grijs: genegeerde kleine woorden; rood: woorden die de kennisbank niet kent.",
        "Highlighted: the words that count (the figure says how much they weigh); grey: little words left aside; red: words the knowledge base does not know.",
    ],
    ConsoleUnknownWord => ["inconnu", "onbekend", "unknown"],
    ConsoleCandidates => ["Les entrées les plus proches", "De dichtstbijzijnde items", "The closest entries"],
    ConsoleEntry => ["Entrée", "Item", "Entry"],
    ConsoleHowSure => ["Certitude", "Zekerheid", "How sure"],
    ConsoleMatched => ["Mots trouvés dans l'entrée", "Woorden gevonden in het item", "Words found in the entry"],
    ConsoleWhyNot => ["Pourquoi pas l'autre ?", "Waarom niet het andere?", "Why not the other one?"],
    ConsoleFewerWords => [
        "elle contient moins de mots de la question",
        "het bevat minder woorden van de vraag",
        "it contains fewer of the question's words",
    ],
    ConsoleLessAlike => [
        "ses formulations ressemblent moins à la question",
        "de formuleringen lijken minder op de vraag",
        "its phrasings are less like the question",
    ],
    ConsoleLessLikely => [
        "les autres indices la rendent moins probable",
        "de andere aanwijzingen maken het minder waarschijnlijk",
        "the other clues make it less likely",
    ],
    ConsoleTechnical => ["Détails techniques (pour les développeurs)", "Technische details (voor ontwikkelaars)", "Technical details (for developers)"],
    MyAccountTitle => ["Mon compte", "Mijn account", "My account"],
    AutomationNote => [
        "Vous utilisez le jeton d'automatisation (CDM_FAQ_ADMIN_TOKEN) : il n'a pas de compte à modifier.",
        "U gebruikt het automatiseringstoken (CDM_FAQ_ADMIN_TOKEN): er is geen account om te wijzigen.",
        "You are using the automation token (CDM_FAQ_ADMIN_TOKEN): there is no account to change.",
    ],
}

/// A role's name in `lang`.
pub fn role_label(role: Role, lang: Language) -> &'static str {
    match (role, lang) {
        (Role::Editor, Language::Fr) => "rédacteur·rice",
        (Role::Editor, Language::Nl) => "redacteur",
        (Role::Editor, Language::En) => "editor",
        (Role::Counsellor, Language::Fr) => "conseiller·ère",
        (Role::Counsellor, Language::Nl) => "loopbaanbegeleider",
        (Role::Counsellor, Language::En) => "counsellor",
        (Role::Admin, Language::Fr) => "administrateur·rice",
        (Role::Admin, Language::Nl) => "beheerder",
        (Role::Admin, Language::En) => "admin",
    }
}

/// A language's own name (what a language menu shows).
pub fn language_label(lang: Language) -> &'static str {
    match lang {
        Language::Fr => "Français",
        Language::Nl => "Nederlands",
        Language::En => "English",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_is_written_in_every_language() {
        for msg in Msg::ALL {
            for lang in Language::ALL {
                assert!(!msg.get(lang).trim().is_empty(), "{msg:?} in {lang}");
            }
            assert_ne!(msg.get(Language::Fr), "", "{msg:?}");
        }
        assert!(Msg::ALL.len() > 50);
    }
}
