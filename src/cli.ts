// Placeholder entry; replaced by the Commander program in the foundation work.
console.log("protoagent");
