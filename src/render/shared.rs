//! Parts of team pages that are the same on every team page that shows them, made once
//! per render instead of once per page.
//!
//! A team without an approach of its own follows the organisation's approach for its
//! template, so the flow chart of such a row (its steps and `_stroomschema.html` rendered
//! with them, about 40 % of a team page's HTML) depends only on the template and the
//! category. It is made from the first such row and shared (Tera's values are reference
//! counted: a page takes it without a copy). A row with the team's own steps or wording is
//! made on its own page as before. `_stroomschema.html` is rendered here with `stappen`
//! and the site-wide values only, as its own comment says.

use std::collections::HashMap;

use super::RenderError;
use super::registry::{Page, PageKind};
use super::view::norm::{SharedFlow, team_flow};
use crate::model::{Model, NormRow};

/// The template that draws an approach as a flow chart.
const FLOW_TEMPLATE: &str = "_stroomschema.html";

/// The shared flow charts, by template and category.
#[derive(Debug, Default)]
pub struct Shared {
    flows: HashMap<(String, String), SharedFlow>,
}

impl Shared {
    /// The flow charts every team page of `pages` that follows the organisation's approach
    /// shows, rendered with `tera` (none when no team page is among `pages`).
    pub fn new(model: &Model, tera: &tera::Tera, pages: &[&Page]) -> Result<Shared, RenderError> {
        let mut shared = Shared::default();
        // Only the team pages being rendered (one, when the preview updates one team).
        let teams = pages.iter().filter_map(|p| match p.kind {
            PageKind::Team(i) => model.teams.get(i),
            _ => None,
        });
        for team in teams {
            for row in team.normtabel.iter().filter(|r| is_shared(r)) {
                let key = (team.template.clone(), row.categorie.clone());
                if shared.flows.contains_key(&key) {
                    continue;
                }
                let flow = render(model, tera, row)?;
                shared.flows.insert(key, flow);
            }
        }
        Ok(shared)
    }

    /// The shared flow chart of `row` on a team page of `template`, when it has one.
    pub fn flow(&self, template: &str, row: &NormRow) -> Option<&SharedFlow> {
        if !is_shared(row) {
            return None;
        }
        self.flows
            .get(&(template.to_string(), row.categorie.clone()))
    }
}

/// Whether a row shows the organisation's approach unchanged (and has one to show).
fn is_shared(row: &NormRow) -> bool {
    !row.aanpak_aangepast && !row.aanpak.is_empty()
}

/// The flow chart of `row`, rendered.
fn render(model: &Model, tera: &tera::Tera, row: &NormRow) -> Result<SharedFlow, RenderError> {
    let fail = |e: tera::Error| RenderError::Template(FLOW_TEMPLATE.into(), format!("{e:#}"));
    let steps = team_flow(&model.base, row).map_err(fail)?;
    let mut context = tera::Context::new();
    context.insert_value("stappen", steps.clone());
    let html = tera.render(FLOW_TEMPLATE, &context).map_err(fail)?;
    Ok(SharedFlow {
        steps,
        html: tera::Value::safe_string(&html),
    })
}
