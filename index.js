// n8n loads this package through the "n8n" section of package.json; the entry point exports nothing.
module.exports = {};
