// Every page: when the reader puts the cursor in the header's search box, fetch the search engine
// (Pagefind's script and WebAssembly, addressed by Pagefind's version: layouts/base.html, data-prefetch)
// into the browser's cache, so the search page answers sooner.

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
