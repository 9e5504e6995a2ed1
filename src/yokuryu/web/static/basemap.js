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
      const countries = topojson.feature(world, world.objects.countries).features;
      const style = { color: "#8a9aa6", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1 };
      // Russia and Fiji cross the 180th meridian: draw their western tips east of it,
      // or their polygons stretch across the whole map.
      const wraps = new Set(["643", "242"]);
      const layer = (features, options) => L.geoJSON(
        { type: "FeatureCollection", features }, { style, interactive: false, ...options }
      ).addTo(map).bringToBack();
      layer(countries.filter((f) => !wraps.has(f.id)), {});
      layer(countries.filter((f) => wraps.has(f.id)), {
        coordsToLatLng: (c) => L.latLng(c[1], c[0] < 0 ? c[0] + 360 : c[0]),
      });
      element.dataset.basemap = "drawn";
    });
  return map;
};
