// A base map without a tile server: countries from Natural Earth (world-atlas TopoJSON,
// public domain) drawn as a GeoJSON layer; an optional tile URL setting adds tiles.
"use strict";
window.yokuryuBasemap = function (element) {
  const map = L.map(element, { worldCopyJump: true }).setView([50, 120], 3);
  const tiles = element.dataset.tiles;
  if (tiles) { L.tileLayer(tiles, { maxZoom: 12 }).addTo(map); }
  fetch(element.dataset.countries)
    .then((r) => r.json())
    .then((world) => {
      const countries = topojson.feature(world, world.objects.countries);
      L.geoJSON(countries, {
        style: { color: "#8a9aa6", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1 },
        interactive: false,
      }).addTo(map).bringToBack();
      element.dataset.basemap = "drawn";
    });
  return map;
};
