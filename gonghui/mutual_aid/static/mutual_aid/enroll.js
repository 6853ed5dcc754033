// Enrolling from the roster: one box ticks every member.
document.getElementById("select-all")?.addEventListener("change", function () {
  document.querySelectorAll(".member-box").forEach((box) => { box.checked = this.checked; });
});
