//! The search index: Pagefind over each page's own text as the model holds it (not the
//! rendered HTML, so nothing is parsed twice and the organisation's norm texts repeated
//! on every team page are indexed once), Dutch stemming, written as files under
//! `/pagefind/` so search works on the intranet without any other host.

use std::collections::BTreeMap;

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use super::pages::{Record, record};
use super::{OutputFile, Registry, RenderError};
use crate::model::Model;

/// The search records of every listed page, in registry order.
pub fn records<'a>(model: &'a Model, registry: &'a Registry) -> impl Iterator<Item = Record> + 'a {
    registry
        .pages()
        .iter()
        .filter_map(move |p| record(model, p))
}

/// Indexes `records` in the order given and returns Pagefind's files.
pub fn index(records: impl Iterator<Item = Record>) -> Result<Vec<OutputFile>, RenderError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| RenderError::Search(e.to_string()))?;
    runtime.block_on(async {
        let config = PagefindServiceConfig::builder()
            .force_language("nl".to_string())
            .build();
        let mut index =
            PagefindIndex::new(Some(config)).map_err(|e| RenderError::Search(e.to_string()))?;
        for Record {
            url,
            title,
            content,
        } in records
        {
            let meta = BTreeMap::from([("title".to_string(), title)]);
            index
                .add_custom_record(url.clone(), content, "nl".into(), Some(meta), None, None)
                .await
                .map_err(|e| RenderError::Search(format!("{url}: {e}")))?;
        }
        let files = index
            .get_files()
            .await
            .map_err(|e| RenderError::Search(e.to_string()))?;
        Ok(files
            .into_iter()
            .map(|f| OutputFile {
                path: format!(
                    "pagefind/{}",
                    f.filename.to_string_lossy().replace('\\', "/")
                ),
                bytes: f.contents,
            })
            .collect())
    })
}
