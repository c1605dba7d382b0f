// The periodic task form of the admin (django-celery-beat): under the crontab field, say in words
// when the chosen schedule runs. Moved from the package's inline script (Content-Security-Policy).
(function () {
  var script = document.getElementById("periodic-task-overrides");
  var readableCrontabs = JSON.parse(document.getElementById("readable-crontabs").textContent);
  var originalHelp = script.dataset.crontabHelp;
  var translation = document.querySelector(".field-crontab_translation");
  if (translation) { translation.style.display = "none"; }
  var select = document.getElementById("id_crontab");
  var help = document.querySelector(".field-crontab .help");
  if (!select || !help) { return; }
  select.addEventListener("change", function () {
    help.textContent = originalHelp;
    help.appendChild(document.createElement("br"));
    help.appendChild(document.createTextNode("Translation: " + (readableCrontabs[select.value] || "")));
  });
})();
