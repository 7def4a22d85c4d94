// Every page: when the reader puts the cursor in the header's search box, fetch the search engine
// and its index entry into the browser's cache, so the search page answers at once.
// The addresses carry the index's cache tag (layouts/base.html, data-prefetch).

const form = document.querySelector("form[data-prefetch]");
if (form) {
  form.addEventListener(
    "focusin",
    () => {
      for (const href of form.dataset.prefetch.split(" ")) {
        const link = document.createElement("link");
        link.rel = "prefetch";
        link.href = href;
        document.head.append(link);
      }
    },
    { once: true },
  );
}
