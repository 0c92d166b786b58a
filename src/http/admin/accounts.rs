//! Account management in the browser. `GET /admin/accounts` (admins): every account with its roles,
//! language, state and open sessions, a form to add one, and per account forms to change the roles,
//! the language or the password, or to disable / enable it (a disabled account's sessions end at once;
//! the last enabled admin cannot be disabled or lose the role). `GET /admin/me` (anyone logged in):
//! one's own page language and password (the current password is asked; other sessions end). Every
//! change is a [`CsrfForm`] POST answered by a redirect (or the form again, with the problem tied to
//! its field).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;

use super::csrf::CsrfForm;
use super::layout::page;
use super::messages::{Msg, language_label, role_label};
use super::staff::{ACCOUNTS, PageError, Staff};
use crate::accounts::{
    Account, AccountError, Accounts, NameError, PasswordError, Role, Roles, verify_password,
};
use crate::http::error::ApiError;
use crate::http::json::AppQuery;
use crate::http::state::AppState;
use crate::text_analysis::Language;

async fn blocking<R: Send + 'static>(
    state: &AppState,
    f: impl FnOnce(&Accounts) -> R + Send + 'static,
) -> Result<R, PageError> {
    let accounts = state.accounts.clone();
    tokio::task::spawn_blocking(move || f(&accounts))
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "the accounts task failed");
            PageError::from(ApiError::Internal)
        })
}

fn error_message(error: &AccountError) -> Msg {
    match error {
        AccountError::Name(NameError::Empty) => Msg::ErrNameEmpty,
        AccountError::Name(NameError::TooLong) => Msg::ErrNameTooLong,
        AccountError::Name(NameError::BadCharacter) => Msg::ErrNameCharacters,
        AccountError::Password(PasswordError::TooShort) => Msg::ErrPasswordShort,
        AccountError::Password(PasswordError::TooLong) => Msg::ErrPasswordLong,
        AccountError::Password(PasswordError::Hashing(_)) | AccountError::Store(_) => {
            tracing::error!(error = %error, "cannot change an account");
            Msg::ErrStore
        }
        AccountError::NoRole => Msg::ErrNoRole,
        AccountError::Taken(_) => Msg::ErrNameTaken,
        AccountError::Unknown(_) => Msg::ErrUnknownAccount,
        AccountError::LastAdmin => Msg::ErrLastAdmin,
    }
}

/// Which field a problem belongs to.
fn error_field(error: &AccountError) -> &'static str {
    match error {
        AccountError::Name(_) | AccountError::Taken(_) | AccountError::Unknown(_) => "name",
        AccountError::Password(_) => "password",
        AccountError::NoRole | AccountError::LastAdmin => "roles",
        AccountError::Store(_) => "form",
    }
}

/// The `?done=` notices after a change.
#[derive(Debug, Deserialize)]
pub struct DoneParams {
    done: Option<String>,
}

fn notice(done: Option<&str>) -> Option<Msg> {
    match done? {
        "added" => Some(Msg::AccountAdded),
        "saved" => Some(Msg::AccountSaved),
        "disabled" => Some(Msg::AccountDisabled),
        "password" => Some(Msg::PasswordChanged),
        _ => None,
    }
}

/// The add form's values, kept when it is refused.
#[derive(Debug, Default, Deserialize)]
pub struct AddForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    password: String,
    editor: Option<String>,
    counsellor: Option<String>,
    admin: Option<String>,
    lang: Option<String>,
}

fn roles_of(editor: &Option<String>, counsellor: &Option<String>, admin: &Option<String>) -> Roles {
    [
        (Role::Editor, editor.is_some()),
        (Role::Counsellor, counsellor.is_some()),
        (Role::Admin, admin.is_some()),
    ]
    .into_iter()
    .filter(|(_, on)| *on)
    .map(|(r, _)| r)
    .collect()
}

fn parse_lang(lang: Option<&str>) -> Option<Language> {
    lang.and_then(|l| l.parse().ok())
}

/// A field's problem, tied to it with `aria-describedby`.
struct FieldError {
    field: &'static str,
    message: &'static str,
}

fn described(id: &str, hint: Option<&str>, error: Option<&FieldError>, field: &str) -> String {
    let mut ids = Vec::new();
    if error.is_some_and(|e| e.field == field) {
        ids.push(format!("{id}-error"));
    }
    if let Some(h) = hint {
        ids.push(h.to_string());
    }
    ids.join(" ")
}

fn field_error(id: &str, error: Option<&FieldError>, field: &str) -> Markup {
    html! {
        @if let Some(e) = error.filter(|e| e.field == field) {
            span.error id=(format!("{id}-error")) { (e.message) }
        }
    }
}

fn role_checkboxes(
    prefix: &str,
    lang: Language,
    roles: Roles,
    error: Option<&FieldError>,
) -> Markup {
    let error_id = format!("{prefix}-roles-error");
    let invalid = error.is_some_and(|e| e.field == "roles");
    html! {
        fieldset aria-describedby=[invalid.then_some(error_id.as_str())] {
            legend { (Msg::AccountRoles.get(lang)) }
            @for role in Role::ALL {
                @let id = format!("{prefix}-{}", role.as_str());
                input type="checkbox" id=(id) name=(role.as_str()) value="on" checked[roles.contains(role)];
                " " label for=(id) { (role_label(role, lang)) } " "
            }
            (field_error(&format!("{prefix}-roles"), error, "roles"))
        }
    }
}

fn lang_select(id: &str, lang: Language, chosen: Option<Language>) -> Markup {
    html! {
        label for=(id) { (Msg::AccountLanguage.get(lang)) }
        " "
        select id=(id) name="lang" {
            option value="" selected[chosen.is_none()] { (Msg::BrowserLanguage.get(lang)) }
            @for l in Language::ALL {
                option value=(l.code()) lang=(l.code()) selected[chosen == Some(l)] { (language_label(l)) }
            }
        }
    }
}

fn accounts_page(
    staff: &Staff,
    accounts: &[(Account, usize)],
    done: Option<Msg>,
    add: &AddForm,
    add_error: Option<&FieldError>,
    change_error: Option<(&str, &'static str)>,
) -> String {
    let lang = staff.lang;
    let csrf = staff.csrf_token();
    let body = html! {
        p { (Msg::AccountsIntro.get(lang)) }
        @if let Some(done) = done { p.notice role="status" { (done.get(lang)) } }
        @if let Some((name, message)) = change_error {
            p.alert role="alert" { strong { (name) } " — " (message) }
        }
        div.table-wrap {
            table {
                thead { tr {
                    th scope="col" { (Msg::AccountName.get(lang)) }
                    th scope="col" { (Msg::AccountRoles.get(lang)) }
                    th scope="col" { (Msg::AccountStatus.get(lang)) }
                    th scope="col" class="num" { (Msg::AccountSessions.get(lang)) }
                    th scope="col" { (Msg::AccountCreated.get(lang)) }
                    th scope="col" { (Msg::AccountActions.get(lang)) }
                } }
                tbody {
                    @for (i, (account, sessions)) in accounts.iter().enumerate() {
                        tr id=(format!("account-{i}")) {
                            th scope="row" { (account.name) }
                            td { (account.roles.iter().map(|r| role_label(r, lang)).collect::<Vec<_>>().join(", ")) }
                            td { @if account.disabled { span.flag.bad { (Msg::StatusDisabled.get(lang)) } } @else { span.ok { (Msg::StatusEnabled.get(lang)) } } }
                            td.num { (sessions) }
                            td { (account.created_at.get(..10).unwrap_or(&account.created_at)) }
                            td {
                                form.inline method="post" action="/admin/accounts/change" {
                                    input type="hidden" name="csrf" value=(csrf);
                                    input type="hidden" name="name" value=(account.name);
                                    input type="hidden" name="action" value="roles";
                                    (role_checkboxes(&format!("a{i}"), lang, account.roles, None))
                                    button type="submit" { (Msg::SaveRoles.get(lang)) }
                                }
                                form.inline method="post" action="/admin/accounts/change" {
                                    input type="hidden" name="csrf" value=(csrf);
                                    input type="hidden" name="name" value=(account.name);
                                    input type="hidden" name="action" value="lang";
                                    (lang_select(&format!("a{i}-lang"), lang, account.lang))
                                    " " button type="submit" { (Msg::SaveLanguage.get(lang)) }
                                }
                                form.inline method="post" action="/admin/accounts/change" {
                                    input type="hidden" name="csrf" value=(csrf);
                                    input type="hidden" name="name" value=(account.name);
                                    input type="hidden" name="action" value="password";
                                    label for=(format!("a{i}-password")) { (Msg::NewPassword.get(lang)) }
                                    " " input id=(format!("a{i}-password")) name="password" type="password" autocomplete="new-password" minlength="12" required aria-describedby="password-hint";
                                    " " button type="submit" { (Msg::SetPassword.get(lang)) }
                                }
                                form.inline method="post" action="/admin/accounts/change" {
                                    input type="hidden" name="csrf" value=(csrf);
                                    input type="hidden" name="name" value=(account.name);
                                    @if account.disabled {
                                        input type="hidden" name="action" value="enable";
                                        button type="submit" { (Msg::EnableButton.get(lang)) " " span.skip { (account.name) } }
                                    } @else {
                                        input type="hidden" name="action" value="disable";
                                        button type="submit" { (Msg::DisableButton.get(lang)) " " span.skip { (account.name) } }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        p.hint id="password-hint" { (Msg::PasswordHint.get(lang)) }
        h2 id="add" { (Msg::AddAccount.get(lang)) }
        @if let Some(e) = add_error { p.alert role="alert" { (Msg::ErrorSummary.get(lang)) " " a href=(format!("#new-{}", e.field)) { (e.message) } } }
        form method="post" action="/admin/accounts" {
            input type="hidden" name="csrf" value=(csrf);
            div.field {
                label for="new-name" { (Msg::AccountName.get(lang)) " " span.hint { (Msg::Required.get(lang)) } }
                input id="new-name" name="name" type="text" autocomplete="off" autocapitalize="none" spellcheck="false" required maxlength="64" value=(add.name)
                    aria-describedby=(described("new-name", Some("new-name-hint"), add_error, "name"))
                    aria-invalid=[add_error.filter(|e| e.field == "name").map(|_| "true")];
                span.hint id="new-name-hint" { (Msg::NameHint.get(lang)) }
                (field_error("new-name", add_error, "name"))
            }
            div.field {
                label for="new-password" { (Msg::LoginPassword.get(lang)) " " span.hint { (Msg::Required.get(lang)) } }
                input id="new-password" name="password" type="password" autocomplete="new-password" required minlength="12"
                    aria-describedby=(described("new-password", Some("password-hint"), add_error, "password"))
                    aria-invalid=[add_error.filter(|e| e.field == "password").map(|_| "true")];
                (field_error("new-password", add_error, "password"))
            }
            div id="new-roles" { (role_checkboxes("new", lang, roles_of(&add.editor, &add.counsellor, &add.admin), add_error)) }
            div.field { (lang_select("new-lang", lang, parse_lang(add.lang.as_deref()))) }
            button type="submit" { (Msg::CreateButton.get(lang)) }
        }
    };
    page(staff, Msg::AccountsTitle.get(lang), body).into_string()
}

async fn accounts_with_sessions(state: &AppState) -> Result<Vec<(Account, usize)>, PageError> {
    blocking(state, |accounts| {
        let list = accounts.list()?;
        list.into_iter()
            .map(|a| {
                let n = accounts.store().session_count(&a.name)?;
                Ok((a, n))
            })
            .collect::<Result<Vec<_>, crate::accounts::StoreError>>()
    })
    .await?
    .map_err(|e| {
        tracing::error!(error = %e, "cannot read the accounts");
        PageError::from(ApiError::from_store(&e))
    })
}

/// `GET /admin/accounts`.
pub async fn list_accounts(
    State(state): State<AppState>,
    staff: Staff,
    AppQuery(params): AppQuery<DoneParams>,
) -> Result<Html<String>, PageError> {
    staff.require_any(ACCOUNTS)?;
    let list = accounts_with_sessions(&state).await?;
    Ok(Html(accounts_page(
        &staff,
        &list,
        notice(params.done.as_deref()),
        &AddForm::default(),
        None,
        None,
    )))
}

/// `POST /admin/accounts`: adds an account.
pub async fn add_account(
    State(state): State<AppState>,
    staff: Staff,
    CsrfForm(form): CsrfForm<AddForm>,
) -> Result<Response, PageError> {
    staff.require_any(ACCOUNTS)?;
    let roles = roles_of(&form.editor, &form.counsellor, &form.admin);
    let (name, password, lang) = (
        form.name.clone(),
        form.password.clone(),
        parse_lang(form.lang.as_deref()),
    );
    let result = blocking(&state, move |a| a.add(&name, roles, &password, lang)).await?;
    match result {
        Ok(account) => {
            tracing::info!(by = %staff.name, account = %account.name, roles = %account.roles, "staff account added");
            Ok(Redirect::to("/admin/accounts?done=added").into_response())
        }
        Err(error) => {
            let list = accounts_with_sessions(&state).await?;
            let field_error = FieldError {
                field: error_field(&error),
                message: error_message(&error).get(staff.lang),
            };
            let kept = AddForm {
                password: String::new(),
                ..form
            };
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                Html(accounts_page(
                    &staff,
                    &list,
                    None,
                    &kept,
                    Some(&field_error),
                    None,
                )),
            )
                .into_response())
        }
    }
}

/// One change to an account.
#[derive(Debug, Deserialize)]
pub struct ChangeForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    action: String,
    password: Option<String>,
    editor: Option<String>,
    counsellor: Option<String>,
    admin: Option<String>,
    lang: Option<String>,
}

/// `POST /admin/accounts/change`: `action` = `roles`, `lang`, `password`, `disable` or `enable`.
pub async fn change_account(
    State(state): State<AppState>,
    staff: Staff,
    CsrfForm(form): CsrfForm<ChangeForm>,
) -> Result<Response, PageError> {
    staff.require_any(ACCOUNTS)?;
    let roles = roles_of(&form.editor, &form.counsellor, &form.admin);
    let lang = parse_lang(form.lang.as_deref());
    let name = form.name.clone();
    let action = form.action.clone();
    let password = form.password.clone().unwrap_or_default();
    let done = match action.as_str() {
        "roles" | "lang" | "password" => "saved",
        "disable" => "disabled",
        "enable" => "saved",
        _ => {
            return Err(ApiError::InvalidRequest(
                "`action` must be roles, lang, password, disable or enable.".into(),
            )
            .into());
        }
    };
    let done = if action == "password" {
        "password"
    } else {
        done
    };
    let result = blocking(&state, move |a| match action.as_str() {
        "roles" => a.set_roles(&name, roles).map(|_| ()),
        "lang" => a.set_lang(&name, lang),
        "password" => a.set_password(&name, &password, None),
        "disable" => a.disable(&name, false).map(|_| ()),
        _ => a.enable(&name).map(|_| ()),
    })
    .await?;
    match result {
        Ok(()) => {
            tracing::info!(by = %staff.name, account = %form.name.chars().take(64).collect::<String>(), action = %form.action, "staff account changed");
            Ok(Redirect::to(&format!("/admin/accounts?done={done}")).into_response())
        }
        Err(error) => {
            let list = accounts_with_sessions(&state).await?;
            let shown: String = form.name.chars().take(64).collect();
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                Html(accounts_page(
                    &staff,
                    &list,
                    None,
                    &AddForm::default(),
                    None,
                    Some((&shown, error_message(&error).get(staff.lang))),
                )),
            )
                .into_response())
        }
    }
}

fn my_page(
    staff: &Staff,
    chosen: Option<Language>,
    done: Option<Msg>,
    error: Option<&FieldError>,
) -> String {
    let lang = staff.lang;
    let csrf = staff.csrf_token();
    let body = html! {
        @if let Some(done) = done { p.notice role="status" { (done.get(lang)) } }
        @if staff.is_automation() { p { (Msg::AutomationNote.get(lang)) } } @else {
            p { (Msg::AccountName.get(lang)) ": " strong { (staff.name) } " — " (Msg::AccountRoles.get(lang)) ": "
                (staff.roles.iter().map(|r| role_label(r, lang)).collect::<Vec<_>>().join(", ")) }
            h2 { (Msg::AccountLanguage.get(lang)) }
            form method="post" action="/admin/me" {
                input type="hidden" name="csrf" value=(csrf);
                input type="hidden" name="action" value="lang";
                div.field { (lang_select("me-lang", lang, chosen)) }
                button type="submit" { (Msg::SaveLanguage.get(lang)) }
            }
            h2 { (Msg::SetPassword.get(lang)) }
            form method="post" action="/admin/me" {
                input type="hidden" name="csrf" value=(csrf);
                input type="hidden" name="action" value="password";
                div.field {
                    label for="me-current" { (Msg::CurrentPassword.get(lang)) }
                    input id="me-current" name="current" type="password" autocomplete="current-password" required
                        aria-describedby=[error.filter(|e| e.field == "current").map(|_| "me-current-error")]
                        aria-invalid=[error.filter(|e| e.field == "current").map(|_| "true")];
                    (field_error("me-current", error, "current"))
                }
                div.field {
                    label for="me-password" { (Msg::NewPassword.get(lang)) }
                    input id="me-password" name="password" type="password" autocomplete="new-password" required minlength="12"
                        aria-describedby=(described("me-password", Some("me-password-hint"), error, "password"))
                        aria-invalid=[error.filter(|e| e.field == "password").map(|_| "true")];
                    span.hint id="me-password-hint" { (Msg::PasswordHint.get(lang)) }
                    (field_error("me-password", error, "password"))
                }
                button type="submit" { (Msg::SetPassword.get(lang)) }
            }
        }
    };
    page(staff, Msg::MyAccountTitle.get(lang), body).into_string()
}

async fn chosen_lang(state: &AppState, staff: &Staff) -> Result<Option<Language>, PageError> {
    if staff.is_automation() {
        return Ok(None);
    }
    let name = staff.name.clone();
    Ok(blocking(state, move |a| a.store().account(&name))
        .await?
        .ok()
        .flatten()
        .and_then(|a| a.lang))
}

/// `GET /admin/me`.
pub async fn my_account(
    State(state): State<AppState>,
    staff: Staff,
    AppQuery(params): AppQuery<DoneParams>,
) -> Result<Html<String>, PageError> {
    let chosen = chosen_lang(&state, &staff).await?;
    Ok(Html(my_page(
        &staff,
        chosen,
        notice(params.done.as_deref()),
        None,
    )))
}

/// The own-account form.
#[derive(Debug, Deserialize)]
pub struct MyForm {
    #[serde(default)]
    action: String,
    lang: Option<String>,
    current: Option<String>,
    password: Option<String>,
}

/// `POST /admin/me`: `action` = `lang` or `password` (with `current`).
pub async fn change_my_account(
    State(state): State<AppState>,
    staff: Staff,
    CsrfForm(form): CsrfForm<MyForm>,
) -> Result<Response, PageError> {
    if staff.is_automation() {
        return Err(ApiError::InvalidRequest(
            "The automation token has no account to change.".into(),
        )
        .into());
    }
    let name = staff.name.clone();
    match form.action.as_str() {
        "lang" => {
            let lang = parse_lang(form.lang.as_deref());
            blocking(&state, move |a| a.set_lang(&name, lang))
                .await?
                .map_err(|e| {
                    tracing::error!(error = %e, "cannot change the language");
                    PageError::from(match &e {
                        AccountError::Store(store) => ApiError::from_store(store),
                        _ => ApiError::Internal,
                    })
                })?;
            Ok(Redirect::to("/admin/me?done=saved").into_response())
        }
        "password" => {
            let current = form.current.unwrap_or_default();
            let password = form.password.unwrap_or_default();
            let keep = staff.session_id().map(str::to_string);
            let _slot = state
                .logins
                .clone()
                .acquire_owned()
                .await
                .map_err(|_| ApiError::Internal)?;
            let result = blocking(&state, move |a| {
                let stored = a.store().credentials(&name)?.map(|(_, hash)| hash);
                if !verify_password(&current, stored.as_deref()) {
                    return Ok(Err("current"));
                }
                Ok(a.set_password(&name, &password, keep.as_deref())
                    .map_err(|e| match e {
                        AccountError::Password(_) => "password",
                        _ => "form",
                    }))
            })
            .await?
            .map_err(|e: crate::accounts::StoreError| {
                tracing::error!(error = %e, "cannot change the password");
                PageError::from(ApiError::from_store(&e))
            })?;
            match result {
                Ok(()) => Ok(Redirect::to("/admin/me?done=password").into_response()),
                Err(field) => {
                    let message = match field {
                        "current" => Msg::ErrCurrentPassword,
                        "password" => Msg::ErrPasswordShort,
                        _ => Msg::ErrStore,
                    };
                    let chosen = chosen_lang(&state, &staff).await?;
                    let error = FieldError {
                        field,
                        message: message.get(staff.lang),
                    };
                    Ok((
                        StatusCode::UNPROCESSABLE_ENTITY,
                        Html(my_page(&staff, chosen, None, Some(&error))),
                    )
                        .into_response())
                }
            }
        }
        _ => Err(ApiError::InvalidRequest("`action` must be lang or password.".into()).into()),
    }
}
