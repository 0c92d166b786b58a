//! The staff pages' sentences in French, Dutch and English, keyed by meaning: one table, so a page
//! never holds a sentence of its own and a missing translation cannot compile. [`Msg::get`] gives the
//! text in a language; [`role_label`] and [`language_label`] name roles and languages, and small
//! functions such as [`page_of`] write the sentences that hold a number or a name.

use crate::accounts::Role;
use crate::editing::Action;
use crate::live::ReloadOutcome;
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
    ErrorUnknownEntry => [
        "Aucune fiche ne porte cet identifiant : elle a peut-être été retirée ou renommée. La liste des fiches montre celles qui sont servies.",
        "Geen enkele fiche heeft deze id: misschien is ze teruggetrokken of hernoemd. De lijst van de fiches toont welke er gebruikt worden.",
        "No entry has this id: it may have been retired or renamed. The list of entries shows the ones being served.",
    ],
    ErrorUnknownPartner => [
        "Aucun partenaire ne porte cet identifiant.",
        "Geen enkele partner heeft deze id.",
        "No partner has this id.",
    ],
    ErrorNotFound => [
        "Cette page n'existe pas. Vérifiez l'adresse ou passez par le menu.",
        "Deze pagina bestaat niet. Controleer het adres of gebruik het menu.",
        "This page does not exist. Check the address or use the menu.",
    ],
    ErrorInvalidRequest => [
        "Le formulaire ou l'adresse contient une valeur inattendue ; rien n'a été enregistré. Revenez à la page précédente : ce que vous avez saisi y est encore.",
        "Het formulier of het adres bevat een onverwachte waarde; er is niets opgeslagen. Ga terug naar de vorige pagina: wat u hebt ingevuld, staat er nog.",
        "The form or the address holds a value we did not expect; nothing was saved. Go back to the previous page: what you typed is still there.",
    ],
    ErrorTooLarge => [
        "Le formulaire envoyé est trop volumineux ; rien n'a été enregistré. Revenez à la page précédente et raccourcissez le texte.",
        "Het verzonden formulier is te groot; er is niets opgeslagen. Ga terug naar de vorige pagina en maak de tekst korter.",
        "The form sent is too large; nothing was saved. Go back to the previous page and shorten the text.",
    ],
    ErrorSessionEnded => [
        "Votre session a expiré ou vous n'êtes plus connecté ; rien n'a été enregistré. Connectez-vous dans un nouvel onglet, puis revenez à la page précédente et envoyez à nouveau le formulaire : ce que vous avez saisi y est encore.",
        "Uw sessie is verlopen of u bent niet meer aangemeld; er is niets opgeslagen. Meld u aan in een nieuw tabblad, ga dan terug naar de vorige pagina en verstuur het formulier opnieuw: wat u hebt ingevuld, staat er nog.",
        "Your session has expired or you are no longer logged in; nothing was saved. Log in in a new tab, then go back to the previous page and send the form again: what you typed is still there.",
    ],
    ErrorRateLimited => [
        "Trop de demandes en peu de temps. Attendez un instant et réessayez.",
        "Te veel verzoeken op korte tijd. Wacht even en probeer het opnieuw.",
        "Too many requests in a short time. Wait a moment and try again.",
    ],
    ErrorMethod => [
        "Cette action n'est pas possible à cette adresse. Passez par le menu.",
        "Deze handeling is op dit adres niet mogelijk. Gebruik het menu.",
        "This action is not possible at this address. Use the menu.",
    ],
    ErrorOnOurSide => [
        "Le service n'a pas pu traiter la demande ; la version enregistrée est intacte. Réessayez dans un instant ; si cela se reproduit, donnez le code ci-dessous à l'administrateur.",
        "De dienst kon het verzoek niet verwerken; de opgeslagen versie is ongewijzigd. Probeer het zo meteen opnieuw; gebeurt het weer, geef dan de code hieronder aan de beheerder.",
        "The service could not handle the request; the saved version is intact. Try again in a moment; if it happens again, give the code below to the administrator.",
    ],
    ErrorDetail => ["Détail technique (en anglais) :", "Technisch detail (in het Engels):", "Technical detail:"],
    ErrorCodeLabel => ["Code de l'erreur :", "Foutcode:", "Error code:"],
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
    ReviewEntriesShown => ["fiches ;", "fiches;", "entries;"],
    ReviewChangedSince => [
        "modifiées depuis leur dernière validation",
        "gewijzigd sinds hun laatste goedkeuring",
        "changed since their last sign-off",
    ],
    ReviewShowThem => ["les afficher", "toon ze", "show them"],
    ReviewEdit => ["modifier", "bewerken", "edit"],
    ReviewHistory => ["historique", "geschiedenis", "history"],
    ReviewSignOff => [
        "Partenaires vérifiés : valider",
        "Partners nagekeken: goedkeuren",
        "Partners checked: sign off",
    ],
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
    // Shared by the editors' pages
    Show => ["Afficher", "Tonen", "Show"],
    Search => ["Rechercher", "Zoeken", "Search"],
    ThemeLabel => ["Thème", "Thema", "Theme"],
    FlagLabel => ["Signal", "Signaal", "Flag"],
    AnyFlag => ["tous", "alle", "any"],
    LanguageLabel => ["Langue", "Taal", "Language"],
    PagingLabel => ["Pages", "Pagina's", "Pages"],
    FailUnknownTopic => [
        "out-of-scope.toml n'a pas ce sujet",
        "out-of-scope.toml heeft dit onderwerp niet",
        "out-of-scope.toml has no such topic",
    ],
    PagingEndLabel => ["Pages, fin de la liste", "Pagina's, einde van de lijst", "Pages, end of the list"],
    Previous => ["← Précédente", "← Vorige", "← Previous"],
    Next => ["Suivante →", "Volgende →", "Next →"],
    NewEntry => ["Nouvelle fiche", "Nieuwe fiche", "New entry"],
    FilesTitle => ["Partenaires, synonymes et réglages du site", "Partners, synoniemen en instellingen van de site", "Partners, synonyms and site settings"],
    RecentSaves => ["Derniers enregistrements", "Laatst opgeslagen wijzigingen", "Recent saves"],
    EntriesTitle => ["Fiches", "Fiches", "Entries"],
    ColQuestion => ["Question", "Vraag", "Question"],
    ColTheme => ["Thème", "Thema", "Theme"],
    ColToDo => ["À faire", "Te doen", "To do"],
    SaveAndPublish => ["Enregistrer et publier", "Opslaan en publiceren", "Save and publish"],
    NotSavedTitle => ["Non enregistré", "Niet opgeslagen", "Not saved"],
    NothingChanged => ["Rien n'a été modifié.", "Er is niets gewijzigd.", "Nothing was changed."],
    NothingLost => [
        "Rien n'est perdu : la version précédente du fichier est intacte. Revenez en arrière pour garder votre texte et réessayez.",
        "Er is niets verloren: de vorige versie van het bestand is intact. Ga terug om uw tekst te behouden en probeer opnieuw.",
        "Nothing was lost: the previous version of the file is intact. Go back to keep your text and try again.",
    ],
    BackToEntry => ["Retour à la fiche", "Terug naar de fiche", "Back to the entry"],
    EntryChangedRefused => [
        "La fiche a été modifiée depuis l'ouverture de cette page ; rien n'a été modifié. Ouvrez-la à nouveau et réessayez.",
        "De fiche is gewijzigd sinds deze pagina werd geopend; er is niets gewijzigd. Open ze opnieuw en probeer nog eens.",
        "The entry was changed since this page was opened; nothing was changed. Open it again and retry.",
    ],
    OpenEntryAgain => ["Rouvrir la fiche", "De fiche opnieuw openen", "Open the entry again"],
    SeverityWarning => ["avertissement", "waarschuwing", "warning"],
    SeverityError => ["erreur", "fout", "error"],
    Line => ["ligne", "regel", "line"],
    FixFirst => [
        "À corriger d'abord : le reste du fichier n'a pas pu être lu.",
        "Los dit eerst op: de rest van het bestand kon niet worden gelezen.",
        "Fix this first: the rest of the file could not be read.",
    ],
    FollowsFrom => ["Découle de l'erreur dans", "Volgt uit de fout in", "Follows from the error in"],
    FollowsFromEnd => ["; disparaît une fois celle-ci corrigée.", "; verdwijnt zodra die is opgelost.", "; it goes away once that is fixed."],
    FailWrite => [
        "le fichier n'a pas pu être écrit (la version précédente est intacte)",
        "het bestand kon niet worden geschreven (de vorige versie is intact)",
        "the file could not be written (the previous version is intact)",
    ],
    FailNotToml => ["le fichier n'est pas du TOML valide", "het bestand is geen geldige TOML", "the file is not valid TOML"],
    FailHistory => ["l'historique n'a pas pu être ouvert ou écrit", "de geschiedenis kon niet worden geopend of geschreven", "the history could not be opened or written"],
    FailNotFound => ["ce fichier n'existe pas", "dit bestand bestaat niet", "this file does not exist"],
    FailExists => ["ce fichier existe déjà", "dit bestand bestaat al", "this file already exists"],
    FailConflict => [
        "le fichier a été modifié par quelqu'un d'autre depuis que vous l'avez ouvert",
        "het bestand is door iemand anders gewijzigd sinds u het opende",
        "the file was changed by someone else since you opened it",
    ],
    FixProblems => [
        "Rien n'a été enregistré : corrigez les problèmes ci-dessous (votre texte est conservé).",
        "Er is niets opgeslagen: los de onderstaande problemen op (uw tekst blijft behouden).",
        "Nothing was saved: fix the problems below (your text is kept).",
    ],
    NowInFile => ["Actuellement dans le fichier", "Nu in het bestand", "Now in the file"],
    YourVersion => ["Votre version", "Uw versie", "Your version"],
    FileRemoved => ["(le fichier a été supprimé)", "(het bestand is verwijderd)", "(the file was removed)"],
    Differences => ["Différences, ligne par ligne", "Verschillen, regel per regel", "Differences, line by line"],
    // Entries list and flags
    FlagLabelMissing => ["traduction manquante", "vertaling ontbreekt", "translation missing"],
    FlagLabelTimeSensitive => ["sensible au temps", "tijdgevoelig", "time-sensitive"],
    FlagLabelUnverified => ["contact du partenaire non vérifié", "contact van de partner niet geverifieerd", "partner contact unverified"],
    FlagLabelChanged => [
        "modifiée depuis la dernière vérification d'un·e conseiller·ère",
        "gewijzigd sinds de laatste controle door een loopbaanbegeleider",
        "changed since the last counsellor check",
    ],
    TodoMissing => ["rédiger la langue manquante", "de ontbrekende taal schrijven", "write the missing language"],
    TodoOld => [
        "vérifier la fiche, puis mettre à jour la date de relecture",
        "de fiche nakijken en daarna de nazichtdatum bijwerken",
        "check the entry, then update the review date",
    ],
    TodoTimeSensitive => [
        "revérifier les faits indiqués dans « à revérifier »",
        "de feiten uit \"opnieuw nakijken\" opnieuw controleren",
        "re-check the facts named in \"what to re-check\"",
    ],
    TodoUnverified => ["vérifier les contacts du partenaire", "de contactgegevens van de partner nakijken", "check the partner's contacts"],
    TodoChanged => [
        "un·e conseiller·ère vérifie l'orientation et la valide",
        "een loopbaanbegeleider controleert de doorverwijzing en keurt ze goed",
        "a counsellor checks the referral and signs it off",
    ],
    // Entry editor
    ShortName => [
        "Nom court dans l'adresse (lettres minuscules, chiffres, traits d'union)",
        "Korte naam in het adres (kleine letters, cijfers, koppeltekens)",
        "Short name in the address (lowercase letters, digits, hyphens)",
    ],
    LegendReferral => ["Orientation", "Doorverwijzing", "Referral"],
    PartnersHint => [
        "Partenaires dans l'ordre : le premier est l'orientation de première ligne.",
        "Partners in volgorde: de eerste is de eerstelijnsdoorverwijzing.",
        "Partners in order: the first is the first-line referral.",
    ],
    PartnerN => ["Partenaire", "Partner", "Partner"],
    RelatedHint => [
        "Fiches liées, affichées comme « voir aussi » :",
        "Verwante fiches, getoond als \"zie ook\":",
        "Related entries, shown as \"see also\":",
    ],
    RelatedN => ["Fiche liée", "Verwante fiche", "Related entry"],
    CounterpartHint => [
        "La même démarche dans le système de l'autre communauté (par exemple les cours du soir en français et en néerlandais) ; les deux fiches doivent se nommer l'une l'autre :",
        "Hetzelfde traject in het systeem van de andere gemeenschap (bijvoorbeeld avondonderwijs in het Frans en in het Nederlands); beide fiches moeten naar elkaar verwijzen:",
        "The same need in the other community's system (evening classes in French and in Dutch, for example); the two entries must name each other:",
    ],
    Counterpart => ["Fiche jumelle", "Tegenhanger", "Counterpart"],
    LegendAudiences => ["Publics", "Doelgroepen", "Audiences"],
    FieldQuestion => ["Question", "Vraag", "Question"],
    FieldPhrasings => ["Formulations", "Formuleringen", "Phrasings"],
    PhrasingsHint => [
        "Une par ligne ; changez l'ordre en déplaçant les lignes.",
        "Eén per regel; verander de volgorde door regels te verplaatsen.",
        "One per line; change the order by moving lines.",
    ],
    FieldAnswer => ["Réponse", "Antwoord", "Answer"],
    AnswerHint => [
        "Markdown : **gras**, listes avec -, [liens](https://...).",
        "Markdown: **vet**, lijsten met -, [links](https://...).",
        "Markdown: **bold**, lists with -, [links](https://...).",
    ],
    PreviewAsWidget => ["Aperçu, tel que le widget l'affiche :", "Voorbeeld, zoals de widget het toont:", "Preview, as the widget shows it:"],
    FieldKeywords => ["Mots-clés", "Trefwoorden", "Keywords"],
    KeywordsHint => [
        "Mots de recherche supplémentaires, un par ligne.",
        "Extra zoekwoorden, één per regel.",
        "Extra search words, one per line.",
    ],
    NoneOption => ["(aucun)", "(geen)", "(none)"],
    UnknownOption => ["(inconnu)", "(onbekend)", "(unknown)"],
    LegendReview => ["Relecture", "Nazicht", "Review"],
    LastReviewedOn => ["Dernière relecture le", "Laatst nagekeken op", "Last reviewed on"],
    ReviewedByRole => ["Relu par (rôle)", "Nagekeken door (rol)", "Reviewed by (role)"],
    TimeSensitiveBox => [
        "Cite des montants, des délais ou des règles qui changent",
        "Vermeldt bedragen, termijnen of regels die veranderen",
        "Quotes amounts, deadlines or rules that change",
    ],
    WhatToRecheck => ["À revérifier", "Opnieuw na te kijken", "What to re-check"],
    PreviewButton => ["Aperçu", "Voorbeeld", "Preview"],
    CreateEntry => ["Créer la fiche", "De fiche aanmaken", "Create the entry"],
    EntryHistoryLink => ["Historique de cette fiche", "Geschiedenis van deze fiche", "History of this entry"],
    EditWholeFile => ["Modifier le fichier entier", "Het hele bestand bewerken", "Edit the whole file"],
    SignOffOrRetire => ["Valider ou retirer", "Goedkeuren of intrekken", "Sign off or retire"],
    SignOffButton => [
        "Partenaires vérifiés : valider l'orientation",
        "Partners nagekeken: de doorverwijzing goedkeuren",
        "Partners checked: sign off the referral",
    ],
    RetireButton => [
        "Retirer cette fiche (plus servie, gardée dans l'historique)",
        "Deze fiche intrekken (niet meer getoond, bewaard in de geschiedenis)",
        "Retire this entry (no longer served, kept in the history)",
    ],
    GitFailed => [
        "L'enregistrement est fait, mais le commit git a échoué :",
        "Het opslaan is gelukt, maar de git-commit is mislukt:",
        "The save is done, but the git commit failed:",
    ],
    GitCommit => ["Commit git", "Git-commit", "Git commit"],
    AsVisitorSees => ["La réponse telle qu'un visiteur la voit maintenant :", "Het antwoord zoals een bezoeker het nu ziet:", "The answer as a visitor sees it now:"],
    ColWhat => ["Quoi", "Wat", "What"],
    ColResult => ["Résultat", "Resultaat", "Result"],
    CheckPhrasing => ["formulation", "formulering", "phrasing"],
    CheckUnanswered => ["question sans réponse", "onbeantwoorde vraag", "unanswered question"],
    VerdictFinds => ["trouve cette fiche", "vindt deze fiche", "finds this entry"],
    VerdictAmong => ["la propose parmi d'autres choix", "biedt ze aan tussen andere keuzes", "offers it among choices"],
    VerdictOther => ["trouve une autre réponse", "vindt een ander antwoord", "finds another answer"],
    VerdictUnchecked => ["n'a pas pu être vérifiée", "kon niet worden gecontroleerd", "could not be checked"],
    EntryConflict => [
        "Quelqu'un a modifié cette fiche depuis que vous l'avez ouverte. Rien n'a été enregistré. Comparez les deux versions ; votre texte est conservé dans le formulaire ci-dessous, et l'enregistrer maintenant remplace le leur.",
        "Iemand heeft deze fiche gewijzigd sinds u ze opende. Er is niets opgeslagen. Vergelijk beide versies; uw tekst blijft in het formulier hieronder staan, en als u het nu opslaat, vervangt het de hunne.",
        "Someone changed this entry since you opened it. Nothing was saved. Compare both versions; your text is kept in the form below, and saving it now replaces theirs.",
    ],
    SlugTaken => [
        "une fiche avec ce thème et ce nom court existe déjà ; choisissez un autre nom court",
        "er bestaat al een fiche met dit thema en deze korte naam; kies een andere korte naam",
        "an entry with this theme and short name already exists; choose another short name",
    ],
    SlugInvalid => [
        "le nom court ne peut contenir que des lettres minuscules, des chiffres et des traits d'union simples, comme register-as-job-seeker",
        "de korte naam mag alleen kleine letters, cijfers en enkele koppeltekens bevatten, zoals register-as-job-seeker",
        "the short name must be lowercase letters, digits and single hyphens, like register-as-job-seeker",
    ],
    PreviewOnly => ["Aperçu seulement : rien n'est encore enregistré.", "Alleen een voorbeeld: er is nog niets opgeslagen.", "Preview only: nothing is saved yet."],
    PrefillNotice => [
        "Une nouvelle fiche à partir de cette question : choisissez son thème et son nom court, rédigez les autres langues, puis créez-la.",
        "Een nieuwe fiche op basis van deze vraag: kies het thema en de korte naam, schrijf de andere talen en maak ze dan aan.",
        "A new entry from this question: choose its theme and short name, write the other languages, then create it.",
    ],
    AddAsPhrasingOf => ["Ajouter comme formulation de", "Toevoegen als formulering van", "Add as a phrasing of"],
    InLanguage => ["en", "in het", "in"],
    AddAsPhrasing => ["Ajouter comme formulation", "Toevoegen als formulering", "Add as a phrasing"],
    NewEntryFromQuestion => ["Nouvelle fiche à partir de cette question", "Nieuwe fiche op basis van deze vraag", "New entry from this question"],
    // Whole files
    FilesIntro => [
        "Ces fichiers se modifient en entier et sont vérifiés comme tout autre enregistrement avant que quoi que ce soit ne soit écrit.",
        "Deze bestanden worden in hun geheel bewerkt en net als elke andere wijziging gecontroleerd voordat er iets wordt geschreven.",
        "These files are edited as a whole, checked like any other save before anything is written.",
    ],
    FileSite => [
        "contacts de renvoi, phrases du bot, thèmes, formules de politesse",
        "contactgegevens voor doorverwijzing, zinnen van de bot, thema's, beleefdheidsfrasen",
        "hand-off contacts, the bot's sentences, themes, small talk",
    ],
    FileSynonyms => ["groupes de mots qui veulent dire la même chose", "groepen woorden die hetzelfde betekenen", "groups of words that mean the same"],
    FileOutOfScope => [
        "questions que le bot refuse volontairement, avec où s'adresser à la place",
        "vragen die de bot bewust weigert, met waar men wel terechtkan",
        "questions the bot declines on purpose, with where to go instead",
    ],
    PartnersHeading => ["Partenaires", "Partners", "Partners"],
    AddPartnerBefore => ["Pour ajouter un partenaire, ouvrez", "Om een partner toe te voegen, open", "To add a partner, open"],
    AddPartnerAfter => ["avec son nouvel identifiant.", "met de nieuwe id.", "with its new id."],
    ContactsUnverified => ["contacts non vérifiés", "contacten niet geverifieerd", "contacts unverified"],
    TheFile => ["Le fichier", "Het bestand", "The file"],
    TheFileHint => [
        "(TOML ; les problèmes donnent les numéros de ligne)",
        "(TOML; de problemen vermelden de regelnummers)",
        "(TOML; the problems give line numbers)",
    ],
    FileSavedLive => ["Enregistré : la modification est en ligne.", "Opgeslagen: de wijziging staat online.", "Saved: the change is live."],
    FileConflict => [
        "Quelqu'un a modifié ce fichier depuis que vous l'avez ouvert. Rien n'a été enregistré ; votre texte est conservé ci-dessous, et l'enregistrer maintenant remplace le leur.",
        "Iemand heeft dit bestand gewijzigd sinds u het opende. Er is niets opgeslagen; uw tekst blijft hieronder staan, en als u het nu opslaat, vervangt het de hunne.",
        "Someone changed this file since you opened it. Nothing was saved; your text is kept below, and saving it now replaces theirs.",
    ],
    // History
    NoSaves => [
        "Aucun enregistrement pour l'instant (les modifications faites directement dans les fichiers sont dans git, si le dossier est un dépôt git).",
        "Nog geen opgeslagen wijziging (wijzigingen die rechtstreeks in de bestanden zijn gemaakt, staan in git als de map een git-repository is).",
        "No save recorded yet (edits made in the files directly are in git, when the folder is a git repository).",
    ],
    Revision => ["Révision", "Revisie", "Revision"],
    SavedBy => ["par", "door", "by"],
    ChangesLineByLine => ["Modifications, ligne par ligne", "Wijzigingen, regel per regel", "Changes, line by line"],
    RestoreBefore => ["Rétablir la fiche telle qu'elle était avant", "De fiche herstellen zoals ze vroeger was", "Restore the entry as it was before"],
    RestoreVersion => ["Rétablir cette version", "Deze versie herstellen", "Restore this version"],
    HistoryOf => ["Historique de", "Geschiedenis van", "History of"],
    HistoryKept => [
        "L'historique est conservé dans history.sqlite, dans le dossier de données du service.",
        "De geschiedenis wordt bewaard in history.sqlite, in de gegevensmap van de dienst.",
        "The history is kept in history.sqlite in the service's data directory.",
    ],
    FileAfterSave => ["Le fichier après cet enregistrement", "Het bestand na deze wijziging", "The file after this save"],
    Removed => ["(supprimé)", "(verwijderd)", "(removed)"],
    // Dashboard
    StatsTitle => ["Statistiques du FAQbot", "Statistieken van de FAQbot", "FAQbot statistics"],
    Year => ["Année", "Jaar", "Year"],
    DownloadExcel => [
        "Télécharger pour Excel (CSV avec points-virgules)",
        "Downloaden voor Excel (CSV met puntkomma's)",
        "Download for Excel (CSV with semicolons)",
    ],
    DownloadCsv => [
        "Télécharger le CSV avec virgules (autres outils, scripts)",
        "CSV met komma's downloaden (andere tools, scripts)",
        "Download CSV with commas (other tools, scripts)",
    ],
    CardRequests => ["demandes via le FAQbot", "vragen via de FAQbot", "requests via the FAQbot"],
    CardAnswered => ["avec réponse", "beantwoord", "answered"],
    CardClarified => ["précisées par une question en retour", "verduidelijkt met een wedervraag", "clarified"],
    CardDeclined => ["sans réponse (renvoyées vers un conseiller)", "niet beantwoord (doorverwezen)", "declined (handed over)"],
    CardSmalltalk => ["formules de politesse", "beleefdheidsfrasen", "small talk"],
    CardOpened => ["réponses ouvertes sans rien taper", "antwoorden geopend zonder te typen", "answers opened without typing"],
    RequestsPerMonth => ["Demandes par mois", "Vragen per maand", "Requests per month"],
    RequestsPerMonthIn => ["Demandes par mois en", "Vragen per maand in", "Requests per month in"],
    ColMonth => ["Mois", "Maand", "Month"],
    ColRequests => ["Demandes", "Vragen", "Requests"],
    ColAnswered => ["Réponses", "Beantwoord", "Answered"],
    ColClarified => ["Précisées", "Verduidelijkt", "Clarified"],
    ColDeclined => ["Sans réponse", "Niet beantwoord", "Declined"],
    ColSmalltalk => ["Politesse", "Beleefdheid", "Small talk"],
    ColHelpful => ["Utile", "Nuttig", "Helpful"],
    ColNotHelpful => ["Pas utile", "Niet nuttig", "Not helpful"],
    ColOpened => ["Ouvertes", "Geopend", "Opened"],
    ColEntry => ["Fiche", "Fiche", "Entry"],
    ColHelpfulShare => ["Part d'avis utiles", "Aandeel nuttig", "Helpful share"],
    ChartCaption => [
        "Chaque colonne empile, de bas en haut : réponses, questions en retour, sans réponse, politesse et réponses ouvertes sans taper ; le chiffre au-dessus est le total du mois, comme dans le tableau ci-dessous.",
        "Elke kolom stapelt, van onder naar boven: antwoorden, wedervragen, niet beantwoord, beleefdheid en antwoorden geopend zonder te typen; het getal erboven is het totaal van de maand, zoals in de tabel hieronder.",
        "Each column stacks, from the bottom: answered, clarified, declined, small talk and answers opened without typing; the figure on top is the month's total, as in the table below.",
    ],
    ChartTotal => ["Total de l'année :", "Totaal van het jaar:", "Year's total:"],
    ChartNoData => ["Aucune donnée pour cette période.", "Geen gegevens voor deze periode.", "No data for this period."],
    BySource => ["Demandes par source", "Vragen per bron", "Requests by source"],
    BySourceTitle => [
        "Demandes par source : tapées, ou ouvertes depuis une suggestion, une liste de thème, une question liée, un choix de précision, une alternative, la meilleure réponse suivante",
        "Vragen per bron: getypt, of geopend vanuit een suggestie, een themalijst, een verwante vraag, een keuze bij een wedervraag, een alternatief, het volgende beste antwoord",
        "Requests by source: typed, or opened from a suggestion, a theme list, a related question, a clarify option, an alternative, the next best answer",
    ],
    PerTheme => ["Réponses par thème", "Antwoorden per thema", "Answers per theme"],
    PerLanguage => ["Réponses par langue", "Antwoorden per taal", "Replies per language"],
    PerPartner => ["Orientations par partenaire", "Doorverwijzingen per partner", "Referrals per partner"],
    PerPartnerTitle => ["Réponses par partenaire de première ligne", "Antwoorden per eerstelijnspartner", "Answers per first-line partner"],
    FeedbackPerEntry => ["Avis par fiche", "Feedback per fiche", "Feedback per entry"],
    NoFeedback => ["Pas encore d'avis.", "Nog geen feedback.", "No feedback yet."],
    KnowledgeBase => ["Base de connaissances", "Kennisbank", "Knowledge base"],
    NoReload => ["Aucun rechargement depuis le démarrage du service.", "Geen herlading sinds de dienst gestart is.", "No reload since the service started."],
    LastReload => ["Dernier rechargement", "Laatste herlading", "Last reload"],
    ReloadNow => ["Recharger la base de connaissances maintenant", "De kennisbank nu herladen", "Reload the knowledge base now"],
    StatsStore => ["Base des statistiques", "Statistiekendatabank", "Statistics store"],
    StoreUnwritable => [
        "La base de données ne peut pas être écrite pour le moment.",
        "De databank kan op dit moment niet worden geschreven.",
        "The database cannot be written at the moment.",
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

/// The name of the language `named`, in `lang` (menus, column headings).
pub fn language_name(named: Language, lang: Language) -> &'static str {
    match (named, lang) {
        (Language::Fr, Language::Fr) => "Français",
        (Language::Nl, Language::Fr) => "Néerlandais",
        (Language::En, Language::Fr) => "Anglais",
        (Language::Fr, Language::Nl) => "Frans",
        (Language::Nl, Language::Nl) => "Nederlands",
        (Language::En, Language::Nl) => "Engels",
        (named, Language::En) => named.english_name(),
    }
}

/// The name of the language `named` inside a French sentence (lowercase).
fn french_language(named: Language) -> &'static str {
    match named {
        Language::Fr => "français",
        Language::Nl => "néerlandais",
        Language::En => "anglais",
    }
}

/// "Page 2 of 5 (93 entries)".
pub fn page_of(page: usize, pages: usize, count: usize, lang: Language) -> String {
    let entries = match lang {
        Language::Fr | Language::Nl => "fiches",
        Language::En => "entries",
    };
    format!("{} ({count} {entries})", page_number(page, pages, lang))
}

/// "Page 2 of 5" in `lang`.
pub fn page_number(page: usize, pages: usize, lang: Language) -> String {
    match lang {
        Language::Fr => format!("Page {page} sur {pages}"),
        Language::Nl => format!("Pagina {page} van {pages}"),
        Language::En => format!("Page {page} of {pages}"),
    }
}

/// The heading of a list of problems: "3 problem(s)".
pub fn problems_heading(count: usize, lang: Language) -> String {
    match lang {
        Language::Fr if count > 1 => format!("{count} problèmes"),
        Language::Fr => format!("{count} problème"),
        Language::Nl if count == 1 => format!("{count} probleem"),
        Language::Nl => format!("{count} problemen"),
        Language::En => format!("{count} problem(s)"),
    }
}

/// The heading after a save: "Saved: the change is live (revision 7)".
pub fn saved_live(revision: i64, lang: Language) -> String {
    match lang {
        Language::Fr => format!("Enregistré : la modification est en ligne (révision {revision})"),
        Language::Nl => format!("Opgeslagen: de wijziging staat online (revisie {revision})"),
        Language::En => format!("Saved: the change is live (revision {revision})"),
    }
}

/// After a save whose entry is no longer served: "Saved (revision 7).".
pub fn saved_revision(revision: i64, lang: Language) -> String {
    match lang {
        Language::Fr => format!("Enregistré (révision {revision})."),
        Language::Nl => format!("Opgeslagen (revisie {revision})."),
        Language::En => format!("Saved (revision {revision})."),
    }
}

/// "4 of 9 questions find this entry now".
pub fn found_of(found: usize, total: usize, lang: Language) -> String {
    match lang {
        Language::Fr => format!("{found} question(s) sur {total} trouvent maintenant cette fiche"),
        Language::Nl => format!("{found} van de {total} vragen vinden deze fiche nu"),
        Language::En => format!("{found} of {total} questions find this entry now"),
    }
}

/// The aria-label of an answer's preview: "Preview of the Dutch answer".
pub fn preview_of(named: Language, lang: Language) -> String {
    match lang {
        Language::Fr => format!("Aperçu de la réponse en {}", french_language(named)),
        Language::Nl => format!(
            "Voorbeeld van het antwoord in het {}",
            language_name(named, lang)
        ),
        Language::En => format!("Preview of the {} answer", named.english_name()),
    }
}

/// The notice after "add as a phrasing": which language's list got the question.
pub fn phrasing_added(named: Language, lang: Language) -> String {
    match lang {
        Language::Fr => format!(
            "La question a été ajoutée comme dernière formulation en {}. Rien n'est encore enregistré : vérifiez-la, puis enregistrez.",
            french_language(named)
        ),
        Language::Nl => format!(
            "De vraag is toegevoegd als laatste formulering in het {}. Er is nog niets opgeslagen: kijk ze na en sla dan op.",
            language_name(named, lang)
        ),
        Language::En => format!(
            "The question was added as the last {} phrasing. Nothing is saved yet: check it, then save.",
            named.english_name()
        ),
    }
}

/// "12 entries, 5 partners." (after the knowledge base's version).
pub fn kb_counts(entries: usize, partners: usize, lang: Language) -> String {
    match lang {
        Language::Fr => format!("{entries} fiches, {partners} partenaires."),
        Language::Nl => format!("{entries} fiches, {partners} partners."),
        Language::En => format!("{entries} entries, {partners} partners."),
    }
}

/// The statistics store's counters in a sentence.
pub fn store_counts(written: u64, failed: u64, dropped: u64, lang: Language) -> String {
    match lang {
        Language::Fr => format!(
            "{written} événements écrits, {failed} perdus à cause d'erreurs de la base, {dropped} abandonnés (file d'attente pleine)."
        ),
        Language::Nl => format!(
            "{written} gebeurtenissen geschreven, {failed} verloren door databankfouten, {dropped} weggelaten (wachtrij vol)."
        ),
        Language::En => format!(
            "{written} events written, {failed} lost to database errors, {dropped} dropped (queue full)."
        ),
    }
}

/// A save's action as the history shows it (English: the stored name).
pub fn action_label(action: Action, lang: Language) -> &'static str {
    match (action, lang) {
        (action, Language::En) => action.as_str(),
        (Action::Create, Language::Fr) => "création",
        (Action::Edit, Language::Fr) => "modification",
        (Action::Retire, Language::Fr) => "retrait",
        (Action::SignOff, Language::Fr) => "validation",
        (Action::Restore, Language::Fr) => "rétablissement",
        (Action::Create, Language::Nl) => "aanmaak",
        (Action::Edit, Language::Nl) => "wijziging",
        (Action::Retire, Language::Nl) => "intrekking",
        (Action::SignOff, Language::Nl) => "goedkeuring",
        (Action::Restore, Language::Nl) => "herstel",
    }
}

/// The outcome of a knowledge-base reload.
pub fn reload_outcome_label(outcome: ReloadOutcome, lang: Language) -> &'static str {
    match (outcome, lang) {
        (ReloadOutcome::Reloaded, Language::Fr) => "rechargée",
        (ReloadOutcome::Unchanged, Language::Fr) => "inchangée",
        (ReloadOutcome::Rejected, Language::Fr) => "refusée",
        (ReloadOutcome::Reloaded, Language::Nl) => "herladen",
        (ReloadOutcome::Unchanged, Language::Nl) => "ongewijzigd",
        (ReloadOutcome::Rejected, Language::Nl) => "geweigerd",
        (ReloadOutcome::Reloaded, Language::En) => "reloaded",
        (ReloadOutcome::Unchanged, Language::En) => "unchanged",
        (ReloadOutcome::Rejected, Language::En) => "rejected",
    }
}

/// A request source of the statistics (`typed`, then the [`crate::stats::Via`] names); the key
/// itself when unknown.
pub fn source_label(key: &str, lang: Language) -> &str {
    let [fr, nl, en] = match key {
        "typed" => ["tapées", "getypt", "typed"],
        "suggestion" => ["suggestion", "suggestie", "suggestion"],
        "theme" => ["liste d'un thème", "themalijst", "theme list"],
        "related" => ["question liée", "verwante vraag", "related question"],
        "clarify" => [
            "choix de précision",
            "keuze bij een wedervraag",
            "clarify option",
        ],
        "alternative" => ["alternative", "alternatief", "alternative"],
        "next_best" => [
            "meilleure réponse suivante",
            "volgende beste antwoord",
            "next best answer",
        ],
        _ => return key,
    };
    match lang {
        Language::Fr => fr,
        Language::Nl => nl,
        Language::En => en,
    }
}

/// A month's short name (`month` from 1 to 12; its number otherwise).
pub fn month_abbr(month: u8, lang: Language) -> String {
    const FR: [&str; 12] = [
        "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.",
        "déc.",
    ];
    const NL: [&str; 12] = [
        "jan.", "feb.", "mrt.", "apr.", "mei", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.",
        "dec.",
    ];
    const EN: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let names = match lang {
        Language::Fr => FR,
        Language::Nl => NL,
        Language::En => EN,
    };
    usize::from(month)
        .checked_sub(1)
        .and_then(|i| names.get(i))
        .map_or_else(|| month.to_string(), |n| (*n).to_string())
}

/// An audience of an entry ([`crate::knowledge_base::AUDIENCES`]); the slug itself when unknown.
pub fn audience_label(slug: &str, lang: Language) -> &str {
    let [fr, nl, en] = match slug {
        "everyone" => ["tout le monde", "iedereen", "everyone"],
        "job-seekers" => ["demandeurs d'emploi", "werkzoekenden", "job-seekers"],
        "young-people" => ["jeunes", "jongeren", "young-people"],
        "students" => ["étudiants", "studenten", "students"],
        "pupils-and-parents" => [
            "élèves et parents",
            "leerlingen en ouders",
            "pupils-and-parents",
        ],
        "workers" => ["travailleurs", "werknemers", "workers"],
        "employers" => ["employeurs", "werkgevers", "employers"],
        "entrepreneurs" => ["entrepreneur·es", "ondernemers", "entrepreneurs"],
        "newcomers" => ["primo-arrivants", "nieuwkomers", "newcomers"],
        "people-with-disabilities" => [
            "personnes en situation de handicap",
            "personen met een handicap",
            "people-with-disabilities",
        ],
        "guidance-professionals" => [
            "professionnels de l'orientation",
            "loopbaanprofessionals",
            "guidance-professionals",
        ],
        "women" => ["femmes", "vrouwen", "women"],
        _ => return slug,
    };
    match lang {
        Language::Fr => fr,
        Language::Nl => nl,
        Language::En => en,
    }
}

/// A reviewer role of an entry ([`crate::knowledge_base::REVIEWER_ROLES`]); the value itself when
/// unknown.
pub fn reviewer_label(role: &str, lang: Language) -> &str {
    let [fr, nl, en] = match role {
        "counsellor" => ["conseiller·ère", "loopbaanbegeleider", "counsellor"],
        "content-editor" => ["rédacteur·rice", "redacteur", "content-editor"],
        "partner-expert" => [
            "expert·e d'un partenaire",
            "expert van een partner",
            "partner-expert",
        ],
        _ => return role,
    };
    match lang {
        Language::Fr => fr,
        Language::Nl => nl,
        Language::En => en,
    }
}

/// A role as stored in the history (a [`Role`] name, else shown as stored).
pub fn stored_role_label(role: &str, lang: Language) -> &str {
    role.parse::<Role>().map_or(role, |r| role_label(r, lang))
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

    #[test]
    fn sentences_with_numbers_and_names_are_written_in_every_language() {
        assert_eq!(page_of(2, 5, 93, Language::En), "Page 2 of 5 (93 entries)");
        assert_eq!(
            page_of(2, 5, 93, Language::Nl),
            "Pagina 2 van 5 (93 fiches)"
        );
        assert_eq!(problems_heading(1, Language::Fr), "1 problème");
        assert_eq!(problems_heading(3, Language::Nl), "3 problemen");
        assert_eq!(problems_heading(3, Language::En), "3 problem(s)");
        assert_eq!(
            preview_of(Language::Nl, Language::Fr),
            "Aperçu de la réponse en néerlandais"
        );
        assert_eq!(
            preview_of(Language::Nl, Language::En),
            "Preview of the Dutch answer"
        );
        assert_eq!(language_name(Language::Fr, Language::Nl), "Frans");
        for lang in Language::ALL {
            for named in Language::ALL {
                assert!(!language_name(named, lang).is_empty());
                assert!(
                    phrasing_added(named, lang)
                        .contains(language_name(named, lang).to_lowercase().as_str())
                        || phrasing_added(named, lang).contains(language_name(named, lang))
                );
            }
            assert!(saved_live(7, lang).contains('7') && found_of(4, 9, lang).contains('9'));
            for month in 1..=12 {
                assert!(!month_abbr(month, lang).chars().all(|c| c.is_ascii_digit()));
            }
            for audience in crate::knowledge_base::AUDIENCES {
                assert!(!audience_label(audience, lang).is_empty());
                if lang != Language::En {
                    assert_ne!(
                        audience_label(audience, lang),
                        *audience,
                        "{audience} in {lang}"
                    );
                }
            }
            for role in crate::knowledge_base::REVIEWER_ROLES {
                assert_eq!(reviewer_label(role, Language::En), *role);
                assert!(!reviewer_label(role, lang).is_empty());
            }
        }
        assert_eq!(month_abbr(13, Language::Fr), "13");
        assert_eq!(
            source_label("next_best", Language::Nl),
            "volgende beste antwoord"
        );
        assert_eq!(source_label("elsewhere", Language::Nl), "elsewhere");
        assert_eq!(stored_role_label("editor", Language::Fr), "rédacteur·rice");
        assert_eq!(stored_role_label("automation", Language::Fr), "automation");
    }
}
