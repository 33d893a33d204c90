//! tripmap: the pure core of an animated trip map for news pages.
//!
//! The core reads a GeoJSON FeatureCollection of trips ([`model`]; as it downloads, with
//! [`stream`]), projects and measures their routes ([`geo`], [`route`]), lays out the whole
//! map ([`scene`]), writes it as SVG ([`svg`]) and says what is drawn at any moment of the
//! animation ([`timeline`]).
//! Nothing here touches the DOM or JavaScript: the only `#[wasm_bindgen]` items live in
//! [`wasm`], compiled for `wasm32` only, so everything else tests natively.
#![forbid(unsafe_code)]
#![cfg_attr(
    test,
    allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)
)]

pub mod basemap;
pub mod date;
pub mod error;
pub mod fallback;
pub mod geo;
pub mod json;
pub mod list;
pub mod map;
pub mod model;
pub mod order;
pub mod route;
pub mod scene;
pub mod stream;
pub mod svg;
pub mod timeline;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use error::{Error, Problem};
pub use map::{Map, MapFrame, Options};
pub use model::{Mode, Trip, TripSet};
