// Defines <trip-map> while the page is still being parsed, as a loader in a CMS's <head> may:
// the element after the late script below is then upgraded before its contents are parsed.
import("/trip-map.js").then(() => {
  document.documentElement.dataset.definedWhile = document.readyState;
});
