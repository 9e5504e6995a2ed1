// A person's path through the camps, in the order the records give, on the base map.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const element = document.getElementById("map");
  const map = window.yokuryuBasemap(element);
  const path = JSON.parse(document.getElementById("path-data").textContent)
    .filter((p) => p.latitude !== null && p.longitude !== null);
  const points = path.map((p) => L.latLng(p.latitude, p.longitude));
  path.forEach((p, i) => {
    L.circleMarker(points[i], { radius: 6, color: "#1f5f99", className: "path-point" })
      .bindTooltip((i + 1) + ". " + p.name_en + (p.date ? " (" + p.date + ")" : ""))
      .addTo(map);
  });
  if (points.length > 1) { L.polyline(points, { color: "#1f5f99" }).addTo(map); }
  if (points.length) { map.fitBounds(L.latLngBounds(points).pad(0.5), { maxZoom: 6 }); }
  element.dataset.points = String(points.length);
});
