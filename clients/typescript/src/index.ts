export * from "./baton";
export * from "./signing";
export * as config from "../generated/config";
export * as command from "../generated/command";
export * as query from "../generated/query";
export * as notification from "../generated/notification";
