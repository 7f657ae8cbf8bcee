using Switchboard.Silo.Hosting;

return await SiloHost.RunAsync(args);
