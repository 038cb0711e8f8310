/**
 * The report's only script, inlined and optional: everything is in the DOM without it. It adds a text filter
 * above the matrix and the findings table and sorting by clicking a findings column header. It reads nothing but
 * the page itself and loads nothing.
 */
export const REPORT_SCRIPT = `
(function () {
  function text(el) { return (el.textContent || "").toLowerCase(); }
  document.querySelectorAll("[data-filter-for]").forEach(function (box) {
    var table = document.getElementById(box.getAttribute("data-filter-for"));
    if (!table) return;
    box.hidden = false;
    var input = box.querySelector("input");
    input.addEventListener("input", function () {
      var q = input.value.trim().toLowerCase();
      table.querySelectorAll("tbody tr").forEach(function (row) {
        row.hidden = q !== "" && text(row).indexOf(q) < 0;
      });
    });
  });
  document.querySelectorAll("table[data-sortable]").forEach(function (table) {
    var body = table.tBodies[0];
    table.querySelectorAll("th[data-sort]").forEach(function (th) {
      var col = th.cellIndex;
      var asc = true;
      th.addEventListener("click", function () {
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[col].getAttribute("data-v") || text(a.cells[col]);
          var y = b.cells[col].getAttribute("data-v") || text(b.cells[col]);
          return (x < y ? -1 : x > y ? 1 : 0) * (asc ? 1 : -1);
        });
        asc = !asc;
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
})();
`;
