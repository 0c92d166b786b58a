//! `GET /api/v1/openapi.json`: the OpenAPI 3 document of the public API, generated from the handlers'
//! annotations and the reply types (utoipa), with the table of error codes in its description.

use axum::Json;
use utoipa::OpenApi;

use super::{ask, catalogue, error, feedback, suggest};

/// The API description.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "cdm-faq API",
        version = "1",
        description = "The FAQbot of the Brussels Cité des métiers / Beroepenpunt: answers to visitors' questions in French, Dutch and English, with the partner organisation to contact next, or a hand-off to a counsellor. No cookies, no personal data."
    ),
    paths(
        ask::ask_get,
        ask::ask_post,
        suggest::suggest_get,
        suggest::suggest_post,
        catalogue::list_themes,
        catalogue::list_entries,
        catalogue::find_entry,
        catalogue::list_partners,
        catalogue::find_partner,
        catalogue::find_handoff,
        feedback::give_feedback,
    ),
    components(schemas(error::ErrorBody, error::ErrorDetail)),
    tags(
        (name = "ask", description = "Questions, completions and feedback"),
        (name = "content", description = "Themes, entries, partners and the hand-off, in the requested language"),
    )
)]
pub struct ApiDoc;

/// The document, with the error table appended to the description.
pub fn document() -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    let mut table = String::from(
        "\n\nErrors are `{\"error\": {\"code\": \"...\", \"message\": \"...\"}}` with these codes:\n\n| code | status | meaning |\n|---|---|---|\n",
    );
    for (code, status, meaning) in error::ERROR_CODES {
        table.push_str(&format!("| `{code}` | {status} | {meaning} |\n"));
    }
    let description = doc.info.description.take().unwrap_or_default();
    doc.info.description = Some(description + &table);
    doc
}

/// `GET /api/v1/openapi.json`.
pub async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(document())
}
