declare module 'virtual:demo-config' {
  const config: {
    mockUrl: string;
    desktopPort: number;
    /** The same-origin proxy's path with `npm start -- --proxy`, else ''. */
    proxy: string;
    accounts: { user: string; password: string; extension: string }[];
  };
  export default config;
}
