// The admin's export page (django-import-export): "Select all" ticks or clears every field.
// Bound here rather than in an inline onchange attribute (Content-Security-Policy).
document.querySelectorAll(".select-toggle").forEach(function (toggle) {
  toggle.addEventListener("change", onSelectToggleChange); // defined by export_selectable_fields.js
});
