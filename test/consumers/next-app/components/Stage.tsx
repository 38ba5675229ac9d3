// The pages router's page (docs/nextjs.md's pages/live.tsx, written to pages/pages-live.tsx by
// the test) imports the stage from here: the same client component as the App Router page's.
export { Stage } from '../app/live/Stage';
