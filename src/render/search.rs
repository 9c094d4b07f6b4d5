//! The search index: Pagefind over each page's own text as the model holds it (not the
//! rendered HTML, so nothing is parsed twice and the organisation's norm texts repeated
//! on every team page are indexed once), Dutch stemming, written as files under
//! `/pagefind/` so search works on the intranet without any other host. A large site's
//! index is built in parts (`/pagefind-1/`, …) in parallel; the search page merges them.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use rayon::prelude::*;

use super::pages::{Record, record};
use super::registry::bundle_url;
use super::{OutputFile, Page, Registry, RenderError};
use crate::model::Model;

/// Builds every part of the search index (in parallel) and returns their files.
pub fn index_all(model: &Model, registry: &Registry) -> Result<Vec<OutputFile>, RenderError> {
    let parts = registry.search_parts();
    let files: Vec<Vec<OutputFile>> = parts
        .par_iter()
        .enumerate()
        .map(|(i, pages)| index_part(model, i, pages))
        .collect::<Result<_, _>>()?;
    Ok(files.into_iter().flatten().collect())
}

/// Builds part `i` of the search index from `pages`.
pub fn index_part(
    model: &Model,
    i: usize,
    pages: &[&Page],
) -> Result<Vec<OutputFile>, RenderError> {
    index_records(i, part_records(model, pages)?)
}

/// The search records of `pages`.
pub fn part_records(model: &Model, pages: &[&Page]) -> Result<Vec<Record>, RenderError> {
    let mut records = Vec::with_capacity(pages.len());
    for page in pages {
        let record = record(model, page).map_err(|e| RenderError::Context {
            pagina: page.url.clone(),
            oorzaak: e.into(),
        })?;
        records.extend(record);
    }
    Ok(records)
}

/// A digest of a part's records: equal digests give an equal index.
pub fn digest(records: &[Record]) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    records.hash(&mut hasher);
    hasher.finish()
}

/// Indexes `records` as part `i` and returns its files (paths below the output folder).
pub fn index_records(i: usize, records: Vec<Record>) -> Result<Vec<OutputFile>, RenderError> {
    let prefix = bundle_url(i);
    let mut files = index(records.into_iter())?;
    for f in &mut files {
        f.path = format!("{}{}", prefix.trim_start_matches('/'), f.path);
    }
    Ok(files)
}

/// Indexes `records` in the order given and returns Pagefind's files (paths relative
/// to the bundle's folder).
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
                path: f.filename.to_string_lossy().replace('\\', "/"),
                bytes: f.contents,
            })
            .collect())
    })
}
