declare module 'virtual:demo-config' {
  const config: {
    mockUrl: string;
    desktopPort: number;
    accounts: { user: string; password: string; extension: string }[];
  };
  export default config;
}
