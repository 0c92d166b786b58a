//! `GET /api/v1/openapi.json`: the OpenAPI 3 document of the public API, generated from the handlers'
//! annotations and the reply types (utoipa), with the table of error codes in its description. The
//! errors every route can answer whatever its handler (the HTTP layer's refusals, the rate limiter,
//! the timeout, the connection cap, and the query-string or body errors of the extractors) are added
//! to every operation from the same table, so each lists every status it can return; the test suite
//! validates the document with an OpenAPI validator (`scripts/check-openapi.sh`).

use axum::Json;
use utoipa::OpenApi;
use utoipa::openapi::path::Operation;
use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder};

use super::{ask, catalogue, error, feedback, suggest, views};

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
        views::record_view,
    ),
    components(schemas(error::ErrorBody, error::ErrorDetail)),
    tags(
        (name = "ask", description = "Questions, completions and feedback"),
        (name = "content", description = "Themes, entries, partners and the hand-off, in the requested language"),
    )
)]
pub struct ApiDoc;

/// Errors of every route of `/api/v1`, from the layers around the handlers.
const LAYER_ERRORS: &[&str] = &[
    "bad_request",
    "uri_too_long",
    "headers_too_large",
    "rate_limited",
    "timeout",
    "overloaded",
];

/// Errors of every documented GET route: the query string (`AppQuery`) and its `lang`.
const QUERY_ERRORS: &[&str] = &["invalid_request", "unknown_language"];

/// Errors of every route reading a JSON body (`AppJson`).
const BODY_ERRORS: &[&str] = &[
    "invalid_json",
    "invalid_body",
    "invalid_request",
    "body_timeout",
    "body_too_large",
    "unsupported_media_type",
];

/// Adds `codes` to the operation's responses, grouped by their status in the table: a status already
/// documented gets the codes its description does not name yet.
fn add_errors(operation: &mut Operation, codes: &[&str]) {
    for code in codes {
        let Some((_, status, _)) = error::ERROR_CODES.iter().find(|(c, _, _)| c == code) else {
            continue;
        };
        let responses = &mut operation.responses.responses;
        match responses.get_mut(&status.to_string()) {
            Some(RefOr::T(response)) => {
                if !response.description.contains(code) {
                    if !response.description.is_empty() {
                        response.description.push_str(", ");
                    }
                    response.description.push_str(code);
                }
            }
            Some(RefOr::Ref(_)) => {}
            None => {
                let response = ResponseBuilder::new()
                    .description(*code)
                    .content(
                        "application/json",
                        ContentBuilder::new()
                            .schema(Some(Ref::from_schema_name("ErrorBody")))
                            .build(),
                    )
                    .build();
                responses.insert(status.to_string(), RefOr::T(response));
            }
        }
    }
}

/// The document, with the error table appended to the description and the layers' errors on every
/// operation.
pub fn document() -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    for item in doc.paths.paths.values_mut() {
        if let Some(get) = item.get.as_mut() {
            add_errors(get, LAYER_ERRORS);
            add_errors(get, QUERY_ERRORS);
        }
        if let Some(post) = item.post.as_mut() {
            add_errors(post, LAYER_ERRORS);
            add_errors(post, BODY_ERRORS);
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_operation_lists_the_layers_errors_with_a_description() {
        let doc = serde_json::to_value(document()).unwrap();
        for (path, item) in doc["paths"].as_object().unwrap() {
            for (method, operation) in item.as_object().unwrap() {
                let responses = operation["responses"].as_object().unwrap();
                for (status, response) in responses {
                    let description = response["description"].as_str().unwrap_or_default();
                    assert!(!description.is_empty(), "{method} {path} {status}");
                }
                for status in ["400", "414", "429", "431", "503"] {
                    assert!(
                        responses.contains_key(status),
                        "{method} {path} lacks {status}"
                    );
                }
                if method == "post" {
                    for status in ["408", "413", "415", "422"] {
                        assert!(
                            responses.contains_key(status),
                            "{method} {path} lacks {status}"
                        );
                    }
                }
            }
        }
    }
}
