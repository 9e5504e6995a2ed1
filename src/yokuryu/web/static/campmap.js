// The camp map: GeoJSON points from /api/places ([longitude, latitude], RFC 7946),
// circles sized by persons recorded, a red core sized by deaths; a click opens the camp.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const element = document.getElementById("map");
  const map = window.yokuryuBasemap(element);
  const label = (p) => {
    const lang = element.dataset.lang;
    return (lang === "ru" && p.name_ru) || (lang === "ja" && p.name_ja) || p.name_en;
  };
  fetch("/api/places").then((r) => r.json()).then((data) => {
    let drawn = 0;
    L.geoJSON(data, {
      pointToLayer: (feature, latlng) => {
        const p = feature.properties;
        const radius = 4 + 3 * Math.sqrt(p.persons);
        const group = L.featureGroup([
          L.circleMarker(latlng, { radius, color: "#1f5f99", weight: 1, fillOpacity: 0.35,
            className: "camp-marker camp-" + p.id }),
        ]);
        if (p.deaths > 0) {
          group.addLayer(L.circleMarker(latlng, { radius: 2 + 3 * Math.sqrt(p.deaths),
            color: "#c0392b", weight: 0, fillOpacity: 0.8, interactive: false }));
        }
        const text = document.createElement("div");
        const link = document.createElement("a");
        link.href = "/camp/" + p.id;
        link.className = "camp-link";
        link.textContent = label(p);
        text.appendChild(link);
        text.appendChild(document.createTextNode(
          " — " + p.persons + " " + element.dataset.persons + ", " + p.deaths + " " +
          element.dataset.deaths));
        group.bindPopup(text);
        drawn += 1;
        return group;
      },
    }).addTo(map);
    element.dataset.camps = String(drawn);
  });
});
