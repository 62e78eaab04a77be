// Runs in the admin's browser on /admin/profil-pemda where the server cannot rasterise SVG (Workers: resvg-wasm
// would be most of the bundle). An SVG chosen in a form marked data-svg-ke-png is drawn onto a canvas at the
// height the letter embeds and the PNG is uploaded instead; the server then checks that PNG like any other.
// The SVG is shown through <img> from a data: URL (the CSP allows data: images), where it can run no script
// and load nothing. Served as a file: the CSP allows scripts from 'self' only, not inline.
export const svgToPngScript = (heightPx: number) => `(() => {
  const HEIGHT = ${heightPx};
  for (const form of document.querySelectorAll("form[data-svg-ke-png]")) {
    form.addEventListener("submit", async (event) => {
      const input = form.querySelector('input[type="file"]');
      const file = input && input.files && input.files[0];
      if (!file || !(file.type === "image/svg+xml" || /\\.svg$/i.test(file.name))) return;
      event.preventDefault();
      const status = form.querySelector("[data-svg-status]");
      const say = (text) => { if (status) status.textContent = text; };
      say("Mengubah SVG menjadi PNG di peramban…");
      try {
        const url = await new Promise((ok, fail) => {
          const reader = new FileReader();
          reader.onload = () => ok(reader.result);
          reader.onerror = fail;
          reader.readAsDataURL(new Blob([file], { type: "image/svg+xml" }));
        });
        const img = new Image();
        await new Promise((ok, fail) => { img.onload = ok; img.onerror = fail; img.src = url; });
        const ratio = img.naturalWidth && img.naturalHeight ? img.naturalWidth / img.naturalHeight : 1;
        const canvas = document.createElement("canvas");
        canvas.height = HEIGHT;
        canvas.width = Math.max(1, Math.round(HEIGHT * ratio));
        canvas.getContext("2d").drawImage(img, 0, 0, canvas.width, canvas.height);
        const png = await new Promise((ok) => canvas.toBlob(ok, "image/png"));
        if (!png) throw new Error("toBlob");
        const files = new DataTransfer();
        files.items.add(new File([png], file.name.replace(/\\.svg$/i, "") + ".png", { type: "image/png" }));
        input.files = files.files;
        form.submit();
      } catch {
        say("Gambar SVG tidak dapat dibaca peramban ini; unggah versi PNG-nya (200–4000 piksel).");
      }
    });
  }
})();`;
