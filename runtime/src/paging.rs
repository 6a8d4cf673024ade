//! Walking a paged listing: a stream of pages, and a stream of the items on them.

use futures_util::stream::{self, Stream, TryStreamExt};
use std::future::Future;

/// Where a page stands in its listing.
pub struct PagePosition {
    /// The page's number, when the server says.
    pub number: Option<i64>,
    /// How many pages there are, when the server says.
    pub count: Option<i64>,
    /// Whether the page holds no item.
    pub is_empty: bool,
}

/// Fetches page `first`, then each next page until the last one (`pageCount`), or until a page
/// comes back empty when the server gives no count.
pub fn pages<'a, B, P, E, F, Fut>(
    request: B,
    first: i64,
    fetch: F,
    position: fn(&P) -> PagePosition,
) -> impl Stream<Item = Result<P, E>> + Send + 'a
where
    B: Clone + Send + 'a,
    P: Send + 'a,
    E: Send + 'a,
    F: Fn(B, i64) -> Fut + Send + 'a,
    Fut: Future<Output = Result<P, E>> + Send + 'a,
{
    stream::try_unfold(Some(first), move |next| {
        let pending = next.map(|number| (number, fetch(request.clone(), number)));
        async move {
            let Some((number, page)) = pending else {
                return Ok(None);
            };
            let page = page.await?;
            let at = position(&page);
            let current = at.number.unwrap_or(number);
            let more = !at.is_empty && at.count.is_none_or(|count| current < count);
            Ok(Some((page, more.then_some(current + 1))))
        }
    })
}

/// The items of every page, in order.
pub fn items<'a, P, T, E>(
    pages: impl Stream<Item = Result<P, E>> + Send + 'a,
    entities: fn(P) -> Vec<T>,
) -> impl Stream<Item = Result<T, E>> + Send + 'a
where
    P: Send + 'a,
    T: Send + 'a,
    E: Send + 'a,
{
    pages
        .map_ok(move |page| stream::iter(entities(page).into_iter().map(Ok)))
        .try_flatten()
}
