/** Types of ./nock.js: nock itself, loaded outside jest's module system (see that file). */
import nockModule from 'nock';

export = nockModule;
