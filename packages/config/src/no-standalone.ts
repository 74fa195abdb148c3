// The entry of a production widget build: everything a host loads comes through mf-manifest.json.
export {};
