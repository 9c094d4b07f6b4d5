//! The search index: Pagefind over the rendered pages, Dutch stemming, written as files
//! under `/pagefind/` so search works on the intranet without any other host.

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use super::{OutputFile, RenderError};

/// Indexes `(url, html)` pages and returns Pagefind's files.
pub fn index<'a>(
    pages: impl Iterator<Item = (String, &'a [u8])>,
) -> Result<Vec<OutputFile>, RenderError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| RenderError::Search(e.to_string()))?;
    runtime.block_on(async {
        let config = PagefindServiceConfig::builder()
            .force_language("nl".to_string())
            .build();
        let mut index =
            PagefindIndex::new(Some(config)).map_err(|e| RenderError::Search(e.to_string()))?;
        for (url, html) in pages {
            let html = String::from_utf8_lossy(html).into_owned();
            index
                .add_html_file(None, Some(url.clone()), html)
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
