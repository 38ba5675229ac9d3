/** @type {import('next').NextConfig} */
const nextConfig = {
  // The app's folder is its own root: do not look for a workspace above it.
  turbopack: { root: import.meta.dirname },
};

export default nextConfig;
