// A classic script, because it must run where module scripts cannot: a copy of Tend
// opened straight from disk (file://), where browsers refuse to load its modules and
// its Python engine. Without this the page would say "Getting your network ready…"
// for ever; instead it says what to do.
if (location.protocol === "file:") {
  document.addEventListener("DOMContentLoaded", () => {
    document.documentElement.dataset.app = "failed";
    document.getElementById("app-status").textContent =
      "Tend cannot run from a file opened on disk: browsers only let it load its engine from a web address. " +
      "Serve this folder (the README's first command does it) and open the address it prints, " +
      "or use a copy hosted on GitHub Pages. The guide can still be read from disk.";
  });
}
