//! `GET /__vpd/nieuw`: the "Nieuw protocol" page. A form with the team's name, the team
//! template and the department (choices from the organisation's own templates and
//! policy), in the site's theme; its script fetches the session token, posts to
//! `POST /__vpd/nieuw` ([`super::new`]) and, once the preview has read the new file,
//! opens the protocol's form at `/__vpd/formulier/{slug}`. Without JavaScript the page says
//! how to make a protocol with `vpd new` instead.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::http::Shared;
use crate::messages::t;
use crate::render::markdown::escape;
use crate::scaffold::{self, ScaffoldContext, label};
use crate::template::Templates;

/// The page's script: posts the form with the session token, waits until the preview lets
/// the new protocol be edited, then opens its form; shows a refusal's message in the alert.
const SCRIPT: &str = r#"(() => {
  const form = document.getElementById('vpd-nieuw');
  const alert = document.getElementById('vpd-nieuw-melding');
  const say = (text) => { alert.textContent = text; alert.hidden = false; alert.focus(); };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    alert.hidden = true;
    try {
      const session = await (await fetch('/__vpd/sessie')).json();
      const request = Object.fromEntries(new FormData(form));
      const response = await fetch('/__vpd/nieuw', {
        method: 'POST',
        headers: {'Content-Type': 'application/json', 'X-Vpd-Token': session.token || ''},
        body: JSON.stringify(request),
      });
      const answer = await response.json();
      if (!response.ok) { say(answer.fout); return; }
      say(form.dataset.bezig);
      const slug = encodeURIComponent(answer.protocol);
      for (let i = 0; i < 120; i++) {
        if ((await fetch('/__vpd/bewerken/' + slug)).ok) break;
        await new Promise((done) => setTimeout(done, 250));
      }
      location.href = '/__vpd/formulier/' + slug;
    } catch (e) {
      say(form.dataset.netwerk);
    }
  });
})();
"#;

/// `GET /__vpd/nieuw`: the page, on a loopback preview named by its own `Host`.
pub async fn page(State(shared): State<Arc<Shared>>, headers: HeaderMap) -> Response {
    let allowed = shared.editor.get().is_some_and(|e| e.host_ok(&headers));
    let Some(root) = shared
        .form
        .get()
        .filter(|_| allowed)
        .map(|f| f.root.clone())
    else {
        return html(
            StatusCode::FORBIDDEN,
            format!("<p>{}</p>", escape(&t("nieuw.niet-beschikbaar", &[]))),
            &shared.base(),
        );
    };
    let base = shared.base();
    let body = tokio::task::spawn_blocking(move || choices(&root)).await;
    match body {
        Ok(Ok((templates, departments))) => {
            html(StatusCode::OK, form(&templates, &departments), &base)
        }
        Ok(Err(message)) => html(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("<p>{}</p>", escape(&message)),
            &base,
        ),
        Err(_) => html(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("<p>{}</p>", escape(&t("nieuw.mislukt", &[]))),
            &base,
        ),
    }
}

/// (value, label) pairs.
type Choices = Vec<(String, String)>;

/// The team templates and the departments of the repository at `root`.
fn choices(root: &std::path::Path) -> Result<(Choices, Choices), String> {
    let loaded =
        crate::load::load(root).map_err(|e| t("nieuw.laden", &[("fout", &e.to_string())]))?;
    let templates = Templates::load(&loaded.root);
    let team_templates = templates
        .by_name
        .values()
        .filter(|t| scaffold::is_team_template(t))
        .map(|t| (t.template.clone(), format!("{} ({})", t.titel, t.template)))
        .collect();
    let departments = ScaffoldContext::from_loaded(&loaded, &templates)
        .departments
        .iter()
        .map(|d| (d.id.clone(), label(d)))
        .collect();
    Ok((team_templates, departments))
}

fn options(choices: &Choices) -> String {
    choices
        .iter()
        .map(|(value, text)| {
            format!(
                "<option value=\"{}\">{}</option>",
                escape(value),
                escape(text)
            )
        })
        .collect()
}

/// The form: a fieldset with the name, the template and the department.
fn form(templates: &Choices, departments: &Choices) -> String {
    format!(
        concat!(
            "<noscript><p>{zonder_js}</p></noscript>",
            "<div id=\"vpd-nieuw-melding\" class=\"utrecht-alert\" role=\"alert\" tabindex=\"-1\" hidden></div>",
            "<form id=\"vpd-nieuw\" class=\"utrecht-form\" data-bezig=\"{bezig}\" data-netwerk=\"{netwerk}\">",
            "<fieldset class=\"utrecht-form-fieldset\"><legend class=\"utrecht-form-fieldset__legend\">{team}</legend>",
            "<div class=\"utrecht-form-field\"><label class=\"utrecht-form-label\" for=\"vpd-naam\">{naam}</label>",
            "<p class=\"utrecht-form-field-description\" id=\"vpd-naam-hint\">{naam_hint}</p>",
            "<input class=\"utrecht-textbox\" id=\"vpd-naam\" name=\"naam\" type=\"text\" required aria-describedby=\"vpd-naam-hint\" autocomplete=\"off\"></div>",
            "<div class=\"utrecht-form-field\"><label class=\"utrecht-form-label\" for=\"vpd-template\">{sjabloon}</label>",
            "<select class=\"utrecht-select\" id=\"vpd-template\" name=\"template\">{templates}</select></div>",
            "<div class=\"utrecht-form-field\"><label class=\"utrecht-form-label\" for=\"vpd-afdeling\">{afdeling}</label>",
            "<select class=\"utrecht-select\" id=\"vpd-afdeling\" name=\"afdeling\"><option value=\"\">{later}</option>{departments}</select></div>",
            "</fieldset>",
            "<button class=\"utrecht-button utrecht-button--primary-action\" type=\"submit\">{maken}</button>",
            "</form><script>{script}</script>"
        ),
        zonder_js = escape(&t("nieuw.zonder-js", &[])),
        bezig = escape(&t("nieuw.bezig", &[])),
        netwerk = escape(&t("nieuw.netwerk", &[])),
        team = escape(&t("nieuw.team", &[])),
        naam = escape(&t("nieuw.naam", &[])),
        naam_hint = escape(&t("nieuw.naam.hint", &[])),
        sjabloon = escape(&t("nieuw.sjabloon", &[])),
        templates = options(templates),
        afdeling = escape(&t("nieuw.afdeling", &[])),
        later = escape(&t("nieuw.afdeling.later", &[])),
        departments = options(departments),
        maken = escape(&t("nieuw.maken", &[])),
        script = SCRIPT,
    )
}

/// A page in the site's theme (its stylesheets below the site's `base`) around `body`.
fn html(status: StatusCode, body: String, base: &str) -> Response {
    let css: String = [
        "static/vendor/utrecht-component-library-css/index.css",
        "static/vendor/utrecht-component-library-css/html.css",
        "static/tokens.css",
        "static/vpd.css",
    ]
    .iter()
    .map(|p| format!("<link rel=\"stylesheet\" href=\"{}{p}\">", escape(base)))
    .collect();
    let page = format!(
        concat!(
            "<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\">",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
            "<title>{titel}</title>{css}</head>",
            "<body class=\"utrecht-document utrecht-document--surface utrecht-body utrecht-page-layout vpd-body\">",
            "<main id=\"inhoud\" class=\"vpd-main\"><h1 class=\"utrecht-heading-1\">{titel}</h1><p>{uitleg}</p>{body}</main></body></html>"
        ),
        titel = escape(&t("nieuw.titel", &[])),
        uitleg = escape(&t("nieuw.uitleg", &[])),
        css = css,
        body = body,
    );
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        page,
    )
        .into_response()
}
