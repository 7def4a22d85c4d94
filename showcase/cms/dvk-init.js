// Loaded before decap-cms.js: our script (dvk-admin.js) registers the front-matter format and the
// preview before the CMS reads config.yml, then starts it. An external file, as the page's policy
// allows no inline script.
window.CMS_MANUAL_INIT = true;
