// Copies the node and credential icons next to the compiled files: n8n resolves `file:` icons
// relative to the .js file, and tsc only emits code and JSON.
const { src, dest } = require('gulp');

function buildIcons() {
	return src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], { base: '.', encoding: false }).pipe(
		dest('dist'),
	);
}

exports['build:icons'] = buildIcons;
