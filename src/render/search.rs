//! The search index: Pagefind over the rendered pages, Dutch stemming, written as files
//! under `/pagefind/` so search works on the intranet without any other host.
//!
//! An [`Indexer`] runs on its own thread and takes pages while the others are still
//! being rendered, so indexing overlaps rendering and no page is held for it.

use std::sync::mpsc;
use std::thread::JoinHandle;

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use super::{OutputFile, RenderError};

/// Pages waiting for the indexer; a full queue makes the renderers wait (bounded memory).
const QUEUE: usize = 64;

/// A Pagefind index being built on its own thread.
pub struct Indexer {
    pages: Option<mpsc::SyncSender<(String, String)>>,
    thread: JoinHandle<Result<Vec<OutputFile>, RenderError>>,
}

impl Indexer {
    /// Starts an empty index.
    pub fn start() -> Indexer {
        let (tx, rx) = mpsc::sync_channel::<(String, String)>(QUEUE);
        let thread = std::thread::spawn(move || index(rx.into_iter()));
        Indexer {
            pages: Some(tx),
            thread,
        }
    }

    /// Adds the page at `url`.
    pub fn add(&self, url: String, html: String) -> Result<(), RenderError> {
        let sender = self.pages.as_ref().ok_or_else(stopped)?;
        sender.send((url, html)).map_err(|_| stopped())
    }

    /// Waits for the index and returns Pagefind's files.
    pub fn finish(mut self) -> Result<Vec<OutputFile>, RenderError> {
        drop(self.pages.take());
        self.thread.join().map_err(|_| stopped())?
    }
}

fn stopped() -> RenderError {
    RenderError::Search(crate::messages::t("render.zoeken-gestopt", &[]))
}

/// Indexes `(url, html)` pages and returns Pagefind's files.
pub fn index(
    pages: impl Iterator<Item = (String, String)>,
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
